"""`--account NAME`: the name, a unique start of it, or a unique part of it; several are listed."""

import pytest

from csplanner.core.errors import DomainError
from csplanner.core.services import accounts


@pytest.fixture
def names(db):
    with db.session() as s:
        for name in ("Alder Health", "Aldermoor Bank", "Baumgarten Straße GmbH", "Cedar Realty", "Cedar Media",
                     "Øresund Logistics", "Acme"):
            accounts.create(s, name=name)
    return db


@pytest.mark.parametrize("typed, found", [
    ("Alder Health", "Alder Health"),  # the name itself
    ("  alder health ", "Alder Health"),  # case and spaces as typed
    ("aldermoor", "Aldermoor Bank"),  # a unique start
    ("bank", "Aldermoor Bank"),  # a unique part
    ("STRASSE", "Baumgarten Straße GmbH"),  # Unicode case folding: ß is ss
    ("øresund", "Øresund Logistics"),
    ("realty", "Cedar Realty"),
    ("acme", "Acme"),  # a name that is also the start of nothing else
])
def test_a_name_a_unique_start_or_a_unique_part_finds_the_account(names, typed, found):
    with names.session() as s:
        assert accounts.resolve(s, typed).name == found


def test_an_exact_name_wins_over_longer_names_that_start_with_it(db):
    with db.session() as s:
        accounts.create(s, name="Alder")
        accounts.create(s, name="Alder Health")
        assert accounts.resolve(s, "alder").name == "Alder"


@pytest.mark.parametrize("typed, listed", [
    ("alder", "'alder' matches 2 accounts: Alder Health; Aldermoor Bank. Give more of the name."),
    ("cedar", "'cedar' matches 2 accounts: Cedar Media; Cedar Realty. Give more of the name."),
    ("e", "'e' matches"),  # no name starts with it: the names containing it are listed
])
def test_several_matches_are_listed_to_choose_from(names, typed, listed):
    with names.session() as s, pytest.raises(DomainError) as caught:
        accounts.resolve(s, typed)
    assert caught.value.message.startswith(listed)


def test_no_match_and_nothing_typed_say_so(names):
    with names.session() as s:
        with pytest.raises(DomainError, match=r"^No account named 'Initech'\.$"):
            accounts.resolve(s, "Initech")
        with pytest.raises(DomainError, match="Give an account's name"):
            accounts.resolve(s, "  ")
