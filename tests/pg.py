"""A throwaway PostgreSQL cluster for the tests marked `postgres`.

initdb into a temporary folder, listen on 127.0.0.1 at a free port (and a private socket
folder), trust authentication for local connections only, stop it with `pg_ctl stop -m fast` at
the end of the session. PostgreSQL refuses to run as root: then the cluster belongs to the
`postgres` user (Debian's package makes it) and its programs run through runuser.
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from csplanner.core.db import Database

SUPERUSER = "csplanner_test"
PASSWORD_USER = "ana"  # the one role that must give a password (scram), to test .pgpass and errors


def _bin_dir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda d: int(Path(d).parent.name)
                  if Path(d).parent.name.isdigit() else 0)
    return Path(dirs[-1]) if dirs else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    bin: Path
    folder: Path
    port: int
    runas: list[str]
    made: int = 0

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def run(self, tool: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*self.runas, str(self.bin / tool), *args], capture_output=True, text=True,
                              timeout=timeout, cwd=self.folder, check=False)

    def sql(self, statement: str) -> None:
        """One statement as the superuser, outside a transaction (CREATE/DROP DATABASE)."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(statement)

    def new_name(self) -> str:
        self.made += 1
        return f"book_{self.made}"

    def stop(self) -> None:
        self.run("pg_ctl", "stop", "-D", str(self.folder / "data"), "-m", "fast", "-w", timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)


def start() -> tuple[Cluster | None, str]:
    """A running cluster, or None and why not (the tests that need it are then skipped)."""
    if os.environ.get("CSPLANNER_TEST_NO_POSTGRES"):
        return None, "CSPLANNER_TEST_NO_POSTGRES is set"
    bin_dir = _bin_dir()
    if bin_dir is None or not (bin_dir / "initdb").exists():
        return None, "PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql/*/bin)"
    folder = Path(tempfile.mkdtemp(prefix="csplanner-pg-"))
    runas: list[str] = []
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            return None, "running as root and there is no `postgres` user to run PostgreSQL as"
        os.chown(folder, user.pw_uid, user.pw_gid)
        runas = ["runuser", "-u", "postgres", "--"] if shutil.which("runuser") else \
            ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups"]
    cluster = Cluster(bin_dir, folder, _free_port(), runas)
    data = folder / "data"
    done = cluster.run("initdb", "-D", str(data), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
                       "--locale=C.UTF-8", "--no-sync", timeout=120)
    if done.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        return None, f"initdb failed: {(done.stderr or done.stdout).strip().splitlines()[-1:]}"
    hba = data / "pg_hba.conf"
    hba.write_text(f"host all {PASSWORD_USER} 127.0.0.1/32 scram-sha-256\n" + hba.read_text())
    opts = (f"-c listen_addresses=127.0.0.1 -c port={cluster.port} -c unix_socket_directories={folder} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60 "
            "-c shared_buffers=32MB")
    done = cluster.run("pg_ctl", "start", "-D", str(data), "-w", "-t", "60", "-l", str(folder / "log"),
                       "-o", opts, timeout=90)
    if done.returncode != 0:
        log = (folder / "log").read_text(errors="replace").strip().splitlines()[-1:] if (folder / "log").exists() else []
        cluster.stop()
        return None, f"PostgreSQL did not start: {log or done.stderr.strip()}"
    return cluster, ""


class SharedBook:
    """A migrated database reused by many tests: `fresh()` empties it (ids restart at 1, a new
    book identity) and opens it, as a copied template file would be."""

    def __init__(self, url: str) -> None:
        self.url = url

    def fresh(self) -> "Database":
        import uuid

        from csplanner.core import dburl, server
        from csplanner.core.db import Database

        book = dburl.parse(self.url)
        engine = server.make_engine(book)
        with engine.begin() as conn:
            sequences = conn.exec_driver_sql("SELECT sequencename FROM pg_sequences").scalars().all()
            conn.exec_driver_sql(
                "DELETE FROM account; DELETE FROM setting; DELETE FROM meta; DELETE FROM health_snapshot; "
                + "".join(f"ALTER SEQUENCE {name} RESTART; " for name in sequences))
            conn.exec_driver_sql(f"INSERT INTO meta (key, value) VALUES ('book_id', '{uuid.uuid4()}')")
            left = conn.exec_driver_sql("SELECT count(*) FROM search_index").scalar()
            assert left == 0, "a table the reset does not reach: add it to SharedBook.fresh"
        return Database(None, engine, "", server=book)
