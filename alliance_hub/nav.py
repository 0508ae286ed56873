"""The container navigation. Each app registers its links in its AppConfig.ready(),
so base.html lists what exists without knowing the apps."""

from dataclasses import dataclass


@dataclass(frozen=True)
class NavLink:
    label: str
    url_name: str  # reversed with the container as its only argument
    order: int = 50


CONTAINER_NAV: list[NavLink] = []


def register_container_link(label, url_name, order=50):
    link = NavLink(label, url_name, order)
    if link not in CONTAINER_NAV:
        CONTAINER_NAV.append(link)
        CONTAINER_NAV.sort(key=lambda item: item.order)
