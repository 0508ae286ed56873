from .services import create_starter_pages


def add_starter_pages(sender, workspace, actor, **kwargs):
    """Every new workspace gets Governance structure, Scope of work and Alliance reporting.
    Groups start empty: their pages are the sub-project's own."""
    create_starter_pages(workspace=workspace, actor=actor)
