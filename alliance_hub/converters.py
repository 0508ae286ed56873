"""URL converter for containers: ``alliance`` (a workspace) or ``alliance/g/wp1`` (a group).

It only parses; ``workspaces.access.container_view`` resolves and checks it.
"""


class ContainerPathConverter:
    regex = r"[-a-zA-Z0-9_]+(?:/g/[-a-zA-Z0-9_]+)?"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return getattr(value, "container_path", value)
