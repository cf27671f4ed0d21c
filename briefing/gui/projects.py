"""Opening and creating projects: File > New Project, Open, Open Recent, Restore from Backup.

``open_with_prompts`` explains refusals (a project in use, a damaged one); the controller hands
an opened project to the session, which closes the last one and tells the window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from briefing.core.backups import list_backups
from briefing.core.errors import BriefingError, DamagedProject, ProjectLocked, ProjectNotWritable
from briefing.core.location import Location, ServerAddress, parse_location
from briefing.core.store import Project
from briefing.gui import dialogs
from briefing.gui.backups_ui import offer_recovery, restore, start_backup
from briefing.gui.folders import chosen_folder, start_folder
from briefing.gui.session import ProjectSession, StatusSink
from briefing.gui.settings import Settings


def open_with_prompts(parent: QWidget | None, path: Location) -> Project | None:
    """Open a project, explaining refusals: one in use, or in a file or folder that cannot be
    written, may be opened read-only; a damaged one recovered from its newest good backup. A
    file opened for writing is backed up (a server keeps its own backups)."""
    try:
        project = Project.open(path)
        if isinstance(path, Path) and not project.readonly:
            start_backup(path)
        return project
    except DamagedProject as exc:
        if not isinstance(path, Path):
            dialogs.show_error(parent, "Open Project", str(exc))
            return None
        return offer_recovery(parent, path, str(exc))
    except (ProjectLocked, ProjectNotWritable) as exc:
        asked = (
            dialogs.ask_open_read_only(parent, str(exc))
            if isinstance(exc, ProjectLocked)
            else dialogs.ask_open_read_only(parent, str(exc), "Project is read-only")
        )
        if asked:
            try:
                return Project.open(path, readonly=True)
            except BriefingError as again:
                dialogs.show_error(parent, "Open Project", str(again))
        return None
    except (BriefingError, OSError) as exc:
        dialogs.show_error(parent, "Open Project", str(exc))
        return None


class ProjectsController(QObject):
    def __init__(
        self, session: ProjectSession, status: StatusSink, settings: Settings, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.session, self.status, self.parent_widget = session, status, parent
        self.settings = settings

    def _ask(self, ask: Callable[[QWidget, Path], Path | None]) -> Path | None:
        """A project file from a dialog that starts where the last one was chosen."""
        path = ask(self.parent_widget, start_folder(self.settings.project_folder))
        if path is not None:
            self.settings.project_folder = chosen_folder(path) or self.settings.project_folder
        return path

    def open_project(self, path: Location) -> bool:
        """Close the current project (its note written first) and open another."""
        opened = open_with_prompts(self.parent_widget, path)
        if opened is None:
            return False
        self.session.replace(opened)
        return True

    def choose_project(self) -> None:
        path = self._ask(dialogs.ask_open_project)
        if path is not None:
            self.open_project(path)

    def open_server_project(self) -> None:
        """File > Open Server Project: a URL typed, or one of the recent ones."""
        url = dialogs.ask_server_url(self.parent_widget, self.settings.recent_servers())
        if not url:
            return
        try:
            location = parse_location(url)
        except BriefingError as exc:
            dialogs.show_error(self.parent_widget, "Open Server Project", str(exc))
            return
        if not isinstance(location, ServerAddress):
            dialogs.show_error(
                self.parent_widget,
                "Open Server Project",
                f"{url}: not a server URL; use postgresql://user@host/database",
            )
            return
        self.open_project(location)

    def choose_author(self) -> None:
        """Edit > Your Name: what changes made in this window are recorded as made by."""
        from briefing.core.store import default_author

        name = dialogs.ask_author_name(
            self.parent_widget, self.settings.author_name, default_author()
        )
        if name is None:
            return
        self.settings.author_name = name
        project = self.session.project
        project.set_author(name)
        self.status.showMessage(f"Your changes are recorded as made by {project.author}", 10000)

    def new_project(self) -> None:
        path = self._ask(dialogs.ask_new_project)
        if path is None:
            return
        from briefing.core.resources import default_themes

        try:
            Project.create(path, default_themes()).close()
        except (BriefingError, OSError) as exc:
            dialogs.show_error(self.parent_widget, "New Project", str(exc))
            return
        self.open_project(path)

    def restore_from_backup(self) -> None:
        """File > Restore from Backup: pick one, open it as a copy."""
        parent, project = self.parent_widget, self.session.project.path
        if self.session.project.on_server:
            dialogs.show_error(
                parent,
                "Restore from Backup",
                "A project on a server is backed up by the server's own means (ask whoever runs"
                " it); Briefing keeps backups of project files only.",
            )
            return
        backups = list_backups(project)
        if not backups:
            dialogs.show_error(parent, "Restore from Backup", "This project has no backups yet.")
            return
        chosen = dialogs.ask_backup(parent, backups)
        if chosen is None:
            return
        try:
            copy = restore(chosen, project)
        except (BriefingError, OSError) as exc:
            dialogs.show_error(parent, "Restore from Backup", str(exc))
            return
        self.open_project(copy)
        self.status.showMessage(f"Opened the backup of {chosen.label} as {copy.name}", 10000)
