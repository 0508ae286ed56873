"""URL converter for containers: ``alliance`` (a workspace) or ``alliance/g/wp1`` (a group).

It only parses; ``workspaces.access.container_view`` resolves and checks it.
"""


def url_part(value):
    """A container's path, or the value itself: what a container argument stands for in
    a URL (``alliance_hub.reversing`` keys its remembered URLs by it)."""
    return getattr(value, "container_path", value)


class ContainerPathConverter:
    regex = r"[-a-zA-Z0-9_]+(?:/g/[-a-zA-Z0-9_]+)?"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return url_part(value)
