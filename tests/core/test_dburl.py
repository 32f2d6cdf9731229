"""--db values: a file path, a postgresql:// URL, or a one-line refusal; passwords never shown."""

from pathlib import Path

import pytest

from csplanner.core import dburl
from csplanner.core.dburl import ServerBook
from csplanner.core.errors import DomainError
from csplanner.core.server import connect_error


@pytest.mark.parametrize("text", ["book.sqlite3", "~/b.sqlite3", "C:\\Users\\ana\\b.sqlite3", "a:b.sqlite3", "x//y"])
def test_a_path_stays_a_path(text):
    assert dburl.parse(text) == Path(text).expanduser()


@pytest.mark.parametrize("text", ["postgresql://ana@db.example/book", "postgres://ana@db.example:6543/book",
                                  "postgresql+psycopg://ana@db.example/book?sslmode=verify-full"])
def test_a_postgresql_url_is_a_server_book(text):
    book = dburl.parse(text)
    assert isinstance(book, ServerBook) and book.url.drivername == "postgresql+psycopg"
    assert book.database == "book" and book.host.startswith("db.example")
    assert "ana" in book.label and "book" in book.label


def test_sslmode_and_other_libpq_parameters_pass_through():
    book = dburl.parse("postgresql://ana@db.example/book?sslmode=require&sslrootcert=/etc/ca.pem")
    assert dict(book.url.query) == {"sslmode": "require", "sslrootcert": "/etc/ca.pem"}
    assert "sslmode=require" in book.safe_url


@pytest.mark.parametrize("text", ["mysql://ana:secret@db/book", "sqlite:///x.sqlite3", "http://x/y", "file:///tmp/b"])
def test_any_other_url_scheme_is_one_line_that_never_echoes_the_url(text):
    with pytest.raises(DomainError) as err:
        dburl.parse(text)
    message = err.value.message
    assert "\n" not in message and "not supported" in message and "postgresql://" in message
    assert "secret" not in message and "ana" not in message


def test_a_password_is_never_in_a_label_a_safe_url_or_an_error():
    book = dburl.parse("postgresql://ana:s3cr%40t@db.example:5433/book")
    assert book.has_password
    shown = [book.label, book.name, book.safe_url, repr(book.url.set(drivername="postgresql")),
             connect_error(book, RuntimeError('FATAL: password "s3cr@t" authentication failed')).message]
    assert not any("s3cr" in s for s in shown)
    assert "db.example:5433" in shown[-1] and "'book'" in shown[-1]


def test_a_missing_password_hints_at_pgpass():
    book = dburl.parse("postgresql://ana@db.example/book")
    message = connect_error(book, RuntimeError("fe_sendauth: no password supplied")).message
    assert ".pgpass" in message and "db.example" in message


@pytest.mark.parametrize("url", ["mysql://user@host/book", "sqlite:///book.sqlite3", "https://example.com/book"])
def test_the_command_line_refuses_another_scheme_in_one_line_and_makes_no_folder(url, capsys, tmp_path, monkeypatch):
    from csplanner.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["demo", "--db", url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not supported" in err
    assert list(tmp_path.iterdir()) == []  # no folder named 'mysql:' (or anything else)
    monkeypatch.setenv("CSPLANNER_DB", url)
    assert main(["health"]) == 2 and "not supported" in capsys.readouterr().err
