"""Governance profiles (seed 002): CSV import that writes all or nothing, overview per province."""

from datetime import date

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem import cli
from tandem.places.governance import import_governance_csv, overview, parse_answer
from tandem.places.models import GovernanceStatement

HEADER = "refnis,shared_secretary,shared_financial_manager,chair_in_college\n"
DAY = date(2024, 1, 1)


def test_a_good_file_fills_the_profiles(db):
    text = HEADER + "44021,ja,nee,ja\n71022,nee,ja,\n21012,oui,non,non\n"
    result = import_governance_csv(text, DAY, source="test")
    assert result.ok and result.written == 8
    gent = GovernanceStatement.objects.filter(pair__municipality__refnis="44021")
    assert {(s.question, s.answer) for s in gent} == {
        ("shared_secretary", True),
        ("shared_financial_manager", False),
        ("chair_in_college", True),
    }
    # The former code 71022 lands on today's Hasselt; the empty answer is not recorded.
    hasselt = GovernanceStatement.objects.filter(pair__municipality__refnis="71072")
    assert hasselt.count() == 2


def test_a_file_with_bad_lines_is_rejected_whole_with_line_and_field(db):
    text = (
        HEADER
        + "44021,ja,nee,ja\n"
        + "12345,ja,nee,ja\n"
        + "31005,misschien,nee,ja\n"
        + "41002,ja,nee\n"
        + "35013,ja,nee,ja\n"
    )
    result = import_governance_csv(text, DAY)
    assert not result.ok
    problems = [(p.line, p.field) for p in result.problems]
    assert problems == [(3, "refnis"), (4, "shared_secretary"), (5, "refnis")]
    with translation.override("en"):
        assert "line 3" in str(result.problems[0]) and "12345" in str(result.problems[0])
    with translation.override("nl"):
        assert "regel 3" in str(result.problems[0]) and "12345" in str(result.problems[0])
    assert GovernanceStatement.objects.count() == 0


def test_missing_columns_and_duplicates_are_reported(db):
    result = import_governance_csv("refnis,shared_secretary\n44021,ja\n", DAY)
    assert {p.field for p in result.problems} == {"shared_financial_manager", "chair_in_college"}
    dup = import_governance_csv(HEADER + "44021,ja,ja,ja\n44021,nee,nee,nee\n", DAY)
    assert [(p.line, p.field) for p in dup.problems] == [(3, "refnis")]


def test_semicolon_files_dates_and_reimport_replace_the_same_day(db):
    text = (
        "NIS;shared_secretary;shared_financial_manager;chair_in_college;valid_from\n"
        "44021;1;0;1;1/7/2023\n"
    )
    assert import_governance_csv(text, DAY).ok
    statement = GovernanceStatement.objects.get(
        pair__municipality__refnis="44021", question="shared_secretary"
    )
    assert statement.valid_from == date(2023, 7, 1)
    import_governance_csv(text.replace(";1;0;1;", ";0;0;1;"), DAY)
    statement.refresh_from_db()
    assert statement.answer is False
    assert GovernanceStatement.objects.count() == 3


@pytest.mark.parametrize(
    "text, value",
    [
        ("JA", True),
        ("nee", False),
        ("neen", False),
        ("Oui", True),
        ("no", False),
        ("1", True),
        ("", None),
    ],
)
def test_answers_in_three_languages(text, value):
    assert parse_answer(text) is value


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["44021", "31005", "00000", "x", ""]),
            st.sampled_from(["ja", "nee", "", "?", "oui"]),
            st.sampled_from(["ja", "nee", "maybe"]),
            st.sampled_from(["ja", "nee", "non"]),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_import_writes_everything_or_nothing(db, rows):
    before = GovernanceStatement.objects.count()
    text = HEADER + "".join(",".join(r) + "\n" for r in rows)
    result = import_governance_csv(text, DAY)
    if result.ok:
        assert GovernanceStatement.objects.count() >= before
    else:
        assert GovernanceStatement.objects.count() == before
        assert all(p.line >= 2 for p in result.problems)


def test_overview_counts_and_lists_per_province(db):
    import_governance_csv(
        HEADER + "44021,ja,nee,ja\n46021,ja,ja,nee\n71072,nee,ja,ja\n21012,ja,,\n", DAY
    )
    data = overview("province", on=date(2024, 6, 1), name=lambda m: m.name_nl)
    east = next(r for r in data["shared_secretary"] if r.area_code == "40000")
    assert east.yes == ["Gent", "Sint-Niklaas"] and east.no == []
    assert east.unknown == east.municipalities - 2
    brussels = next(r for r in data["shared_secretary"] if r.area_code == "04000")
    assert brussels.municipalities == 19 and brussels.yes == ["Sint-Jans-Molenbeek"]
    limburg = next(r for r in data["shared_financial_manager"] if r.area_code == "70000")
    assert limburg.yes == ["Hasselt"]
    assert sum(r.municipalities for r in data["chair_in_college"]) == 565
    # Before the statements were valid, nothing is known.
    earlier = overview("province", on=date(2023, 1, 1))
    assert all(not r.yes and not r.no for rows in earlier.values() for r in rows)


def test_later_statements_win_on_their_day(db):
    import_governance_csv(HEADER + "44021,nee,nee,nee\n", date(2019, 1, 1))
    import_governance_csv(HEADER + "44021,ja,nee,nee\n", date(2025, 1, 1))

    def east(on):
        rows = overview("province", on)["shared_secretary"]
        return next(r for r in rows if r.area_code == "40000")

    assert east(date(2020, 1, 1)).no == ["Gent"]
    assert east(date(2025, 6, 1)).yes == ["Gent"]


def test_cli_import_rejects_bad_file_atomically_and_governance_prints(db, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "44021,ja,nee,ja\n44022,ja,nee,ja\n")
    with pytest.raises(SystemExit) as info:
        cli.main(["import-governance", str(bad), "--valid-from", "2024-01-01"])
    assert info.value.code != 0
    # Commands speak Tandem's default language, Dutch.
    err = capsys.readouterr().err
    assert "regel 3, veld 'refnis'" in err
    assert "1 probleem in bad.csv; er werd niets ingelezen" in err
    assert GovernanceStatement.objects.count() == 0

    good = tmp_path / "good.csv"
    good.write_text(HEADER + "44021,ja,nee,ja\n")
    assert cli.main(["import-governance", str(good), "--dry-run"]) == 0
    assert "1 gemeente gecontroleerd; niets geschreven" in capsys.readouterr().out
    assert GovernanceStatement.objects.count() == 0
    assert cli.main(["import-governance", str(good), "--valid-from", "2024-01-01"]) == 0
    assert "1 gemeente ingelezen, 3 antwoorden geschreven" in capsys.readouterr().out
    assert GovernanceStatement.objects.count() == 3
    assert cli.main(["governance", "--on", "2024-06-30", "--lang", "fr"]) == 0
    text = capsys.readouterr().out
    assert "(30/6/2024)" in text and "  1 / 55  (non : 0, inconnu : 54)" in text
    assert cli.main(["governance", "--by", "province", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    from tandem.places.models import Municipality

    east = Municipality.objects.filter(province__refnis="40000").count()
    assert east == 55  # 60 before the 2025 mergers
    assert f"shared_secretary,40000,Provincie Oost-Vlaanderen,{east},1,0,{east - 1},Gent" in out


@pytest.mark.parametrize("valid_from", ["1/1/0001", "0001-01-01", "١/١/٢٠٢٤", "1/1/２０２４"])
def test_a_date_in_year_1_or_in_other_digits_is_refused_with_line_and_field(db, valid_from):
    """Issue 15.13: int() and fromisoformat read these; the import must not store them."""
    text = "refnis,shared_secretary,shared_financial_manager,chair_in_college,valid_from\n"
    with translation.override("en"):
        result = import_governance_csv(text + f"44021,ja,nee,ja,{valid_from}\n", DAY)
    assert [(p.line, p.field) for p in result.problems] == [(2, "valid_from")]
    assert "between 1976 and 2100" in str(result.problems[0])
    assert GovernanceStatement.objects.count() == 0
