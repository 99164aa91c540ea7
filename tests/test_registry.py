"""The registry is data in the table: seeded, read through a cache of at most a minute."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from chalicelib.domain.organisations import OrgKind, OrgStatus, seed
from chalicelib.services.organisations import CachedDirectory


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Reads:
    """The table, as the cache sees it: what each code holds, and how often it was read."""

    def __init__(self) -> None:
        self.held = {org.code: org for org in seed()}
        self.codes: list[str] = []

    def __call__(self, code: str):
        self.codes.append(code)
        return self.held.get(code)


def test_an_organisation_is_read_once_then_served_from_memory_for_its_time_to_live():
    reads, clock = Reads(), Clock()
    directory = CachedDirectory(reads, timedelta(seconds=60), clock)
    assert directory.get("DEA") is seed().get("DEA")
    clock.now += 59.9
    assert directory.get("DEA") is seed().get("DEA")
    assert reads.codes == ["DEA"]


def test_a_suspension_is_seen_once_the_entry_is_a_minute_old():
    reads, clock = Reads(), Clock()
    directory = CachedDirectory(reads, timedelta(seconds=60), clock)
    assert directory.get("HSI").is_active
    reads.held["HSI"] = replace(reads.held["HSI"], status=OrgStatus.SUSPENDED)
    clock.now += 60
    assert directory.get("HSI").status is OrgStatus.SUSPENDED
    assert reads.codes == ["HSI", "HSI"]


def test_a_code_the_registry_lacks_is_kept_as_absent_too():
    reads, clock = Reads(), Clock()
    directory = CachedDirectory(reads, timedelta(seconds=60), clock)
    assert directory.get("FBI") is None and directory.get("FBI") is None
    assert reads.codes == ["FBI"]


def test_what_this_process_changed_is_read_again_at_once():
    reads, clock = Reads(), Clock()
    directory = CachedDirectory(reads, timedelta(seconds=60), clock)
    directory.get("ATF")
    directory.forget("ATF")
    directory.get("ATF")
    assert reads.codes == ["ATF", "ATF"]


def test_a_process_holds_the_organisations_it_met_in_the_last_minute_not_all_it_ever_met():
    """20,000 organisations met over the hours of a warm function (or codes a forger made up)
    are not all kept: expired entries go once the entries have doubled since the last sweep."""
    reads, clock = Reads(), Clock()
    directory = CachedDirectory(reads, timedelta(seconds=60), clock)
    for lot in ("OLD", "NEW"):
        for n in range(5_000):
            directory.get(f"{lot}{n:05d}")
            clock.now += 0.01  # 100 a second: each lot in 50 s
        clock.now += 61

    assert len(directory) == 5_000  # the new lot; the old one expired and was swept
    assert len(reads.codes) == 10_000


def test_nobody_may_keep_the_registry_longer_than_a_minute():
    with pytest.raises(ValueError, match="at most"):
        CachedDirectory(Reads(), timedelta(seconds=61))


def test_settings_refuse_a_registry_cache_of_more_than_a_minute():
    from pydantic import ValidationError

    from chalicelib.settings import Settings

    assert Settings.from_env({"CASEBRIDGE_REGISTRY_CACHE_SECONDS": "5"}).registry_cache_ttl == timedelta(seconds=5)
    with pytest.raises(ValidationError, match="registry_cache_ttl"):
        Settings.from_env({"CASEBRIDGE_REGISTRY_CACHE_SECONDS": "300"})


# In the table (moto).


def test_provisioning_writes_the_seed_into_the_table(aws):
    from chalicelib.wiring import organisations

    for org in seed():
        assert organisations().read_organisation(org.code) == org
    assert organisations().read_organisation("FBI") is None


def test_seeding_again_keeps_what_changed_since(aws):
    from chalicelib.devtools.provision import seed_registry
    from chalicelib.storage.organisations import organisation_item
    from chalicelib.wiring import organisations

    hsi = seed().get("HSI")
    assert hsi is not None
    organisation_item(replace(hsi, status=OrgStatus.SUSPENDED, version=2)).save()
    assert seed_registry() == []
    assert organisations().read_organisation("HSI").status is OrgStatus.SUSPENDED


def test_the_directory_pages_the_active_organisations_by_kind_and_by_state(aws):
    from chalicelib.wiring import organisations

    platforms = organisations().directory(OrgStatus.ACTIVE, OrgKind.PLATFORM, None, 3, None)
    assert [org.code for org in platforms.items] == ["META", "TIKTOK", "X"] and platforms.last_key is not None
    rest = organisations().directory(OrgStatus.ACTIVE, OrgKind.PLATFORM, None, 3, platforms.last_key)
    assert [org.code for org in rest.items] == ["YOUTUBE"]
    in_dc = organisations().directory(OrgStatus.ACTIVE, OrgKind.FEDERAL_AGENCY, "DC", 10, None)
    assert [org.code for org in in_dc.items] == ["ATF", "DEA", "HSI", "USPIS"]
    assert organisations().directory(OrgStatus.ACTIVE, None, "NV", 10, None).items == []


def test_a_cold_function_reads_the_callers_organisation_once_and_then_never(api, dynamo_calls):
    from chalicelib.wiring import organisation_directory

    organisation_directory().clear()
    dynamo_calls.reset()
    assert api.call("GET", "/v1/cases", "DEA").status_code == 200
    assert dynamo_calls.operations == ["GetItem", "Query", "PutItem"]  # the registry, the list, the audit
    dynamo_calls.reset()
    assert api.call("GET", "/v1/cases", "DEA").status_code == 200
    assert dynamo_calls.operations == ["Query", "PutItem"]


def test_a_suspended_organisations_tokens_are_refused_once_its_entry_is_read_again(api):
    from chalicelib.storage.organisations import organisation_item
    from chalicelib.wiring import organisation_directory

    assert api.call("GET", "/v1/cases", "ATF").status_code == 200
    atf = seed().get("ATF")
    assert atf is not None
    organisation_item(replace(atf, status=OrgStatus.SUSPENDED, version=2)).save()  # by another function
    assert api.call("GET", "/v1/cases", "ATF").status_code == 200  # this one's entry is not a minute old yet
    organisation_directory().forget("ATF")  # ... and now it is
    refused = api.call("GET", "/v1/cases", "ATF")
    assert refused.status_code == 403
    assert "ATF is suspended in the registry" in refused.data["detail"]


def test_a_deploy_seeds_what_the_stages_table_lacks_and_nothing_else(aws, monkeypatch, capsys):
    from chalicelib.storage.keys import ORGANISATION_SK, organisation_pk
    from chalicelib.storage.table import OrganisationItem
    from scripts import seed_registry

    monkeypatch.setenv("CASEBRIDGE_TABLE", "casebridge-test")  # put back as it was after the test
    monkeypatch.setattr("sys.argv", ["seed_registry", "--stage", "test"])
    OrganisationItem(organisation_pk("YOUTUBE"), ORGANISATION_SK).delete()
    seed_registry.main()
    assert capsys.readouterr().out == "registry of test: seeded YOUTUBE\n"
    seed_registry.main()
    assert capsys.readouterr().out == "registry of test: seeded nothing (all there already)\n"


def test_the_active_watch_centers_are_read_once_a_minute_and_again_once_this_process_changes_one():
    """The stream reads them for each batch of operations it counts and watches: one Query
    of the directory a minute, shared by the figures and the watch floor."""
    reads, clock, queries = Reads(), Clock(), []

    def centers():
        queries.append(clock.now)
        return [org for org in reads.held.values() if org.kind is OrgKind.WATCH_CENTER and org.is_active]

    directory = CachedDirectory(reads, timedelta(seconds=60), clock, centers=centers)
    first = directory.watch_centers()
    assert first and all(org.kind is OrgKind.WATCH_CENTER for org in first)
    clock.now += 59.9
    assert directory.watch_centers() == first
    assert len(queries) == 1
    clock.now += 0.1
    directory.watch_centers()
    directory.forget(first[0].code)  # changed by this process: read again at once
    directory.watch_centers()
    assert len(queries) == 3
