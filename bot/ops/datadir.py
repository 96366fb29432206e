"""Where the database lives, and one clear line when its folder cannot be written.

The Docker image sets COACH_DATA_DIR=/data: there the database always lives in that folder (the
file name from DATABASE_PATH is kept), whatever a .env copied from .env.example says, so the data
is on the volume and never in the image's own, unwritable /app. It is deliberately not a setting
(not in .env.example): an --env-file copied from it could not blank it out.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path

from bot.config import Settings

log = logging.getLogger(__name__)
IMAGE_DATA_DIR = "COACH_DATA_DIR"


def pin_to_data_dir(settings: Settings, environ: Mapping[str, str] = os.environ, *,
                    announce: bool = False) -> Settings:
    """In the image, the database moved into COACH_DATA_DIR; elsewhere, the settings as they are.
    `announce`: say so once (the bot's start), when DATABASE_PATH was set to somewhere else."""
    folder = environ.get(IMAGE_DATA_DIR)
    if not folder:
        return settings
    pinned = Path(folder) / settings.database_path.name
    if announce and "database_path" in settings.model_fields_set and pinned != settings.database_path:
        log.info("the database lives in %s in this image (DATABASE_PATH=%s is not used)",
                 folder, settings.database_path)
    return settings.model_copy(update={"database_path": pinned})


def unwritable(database: Path, environ: Mapping[str, str] = os.environ) -> str | None:
    """A one-line reason the bot could not write its database, naming the fix; None when it can."""
    folder = database.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"cannot create the data folder {folder}: {exc.strerror}. {_fix(folder, environ)}"
    for path in (folder, *(p for p in _files(database) if p.exists())):
        if not os.access(path, os.W_OK):
            return f"cannot write to {path}: {_owner(path)}. {_fix(folder, environ)}"
    return None


def _files(database: Path) -> list[Path]:
    return [database, *(database.with_name(database.name + s) for s in ("-wal", "-shm"))]


def _owner(path: Path) -> str:
    st = path.stat()
    return (f"it belongs to {st.st_uid}:{st.st_gid} (mode {st.st_mode & 0o777:o}) and the bot "
            f"runs as {os.getuid()}:{os.getgid()}")


def _fix(folder: Path, environ: Mapping[str, str]) -> str:
    me = f"{os.getuid()}:{os.getgid()}"
    if environ.get(IMAGE_DATA_DIR):
        return (f"Fix: on the host, chown -R {me} the folder mounted on {folder}, or start the "
                "container with --user set to that folder's owner (uid:gid)")
    return (f"Fix: chown -R {me} {folder} (or make it writable for this user), or set "
            "DATABASE_PATH to a folder this user owns")
