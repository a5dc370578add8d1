"""The ``.timeline`` project file: schema, tables, SQLite plumbing, lock, autosave."""

from .lock import ProjectLock, ProjectLockedError
from .schema import ProjectError
from .store import EXTENSION, Project, ProjectInfo, load_project, open_project, project_results, save_project

__all__ = ["EXTENSION", "Project", "ProjectError", "ProjectInfo", "ProjectLock", "ProjectLockedError", "load_project", "open_project", "project_results", "save_project"]
