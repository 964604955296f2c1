"""Issue 17.1, the counting: per aspect the instruments of the pairs that cooperate, the reasons
per cluster, the wishes per degree, the obstacles per type, each pair once per category, and
quotes only from answers marked quotable. Expected values are counted by hand below."""

from tandem.analysis.findings import Answer, Quote, domain_findings

ASPECTS = [(1, "Thesaurie"), (2, "Leningen")]


def _answers():
    return [
        Answer(
            "Aalst",
            1,
            2,
            instrument="protocol",
            regulation="Protocol 2019",
            quotable=True,
            documents=("protocol.pdf",),
            link="https://aalst.be/p",
            reasons="Schaalvoordeel",
            clusters=("schaal", "efficiëntiewinst"),
            obstacles="Privacy",
            obstacle_types=("juridisch",),
        ),
        Answer(
            "Brugge",
            1,
            2,
            instrument="protocol",
            regulation="Geheim B",
            quotable=False,
            reasons="Niet te lezen",
            clusters=("schaal",),
            obstacle_types=("juridisch", "fiscaal"),
        ),
        Answer(
            "Gent",
            1,
            1,
            instrument="",
            quotable=True,
            formal_desirable=True,
            formal_desirable_reasons="Duidelijke afspraken",
        ),
        Answer("Aalst", 2, 0, desirable=False, desirable_reasons="Geen nood", quotable=True),
        Answer("Brugge", 2, 0, desirable=True, desirable_reasons="Geheim", quotable=False),
        Answer("Gent", 2, None, quotable=True),
    ]


def test_instruments_per_aspect_count_the_cooperating_pairs():
    found = domain_findings(_answers(), ASPECTS)
    thesaurie, leningen = found.regulation
    assert (thesaurie.aspect, thesaurie.cooperating) == ("Thesaurie", 3)
    assert [(t.label, t.count, t.pairs) for t in thesaurie.instruments] == [
        ("protocol", 2, ["Aalst", "Brugge"]),
        ("", 1, ["Gent"]),
    ]
    # Brugge's regulation text is not quotable; Aalst's is.
    assert thesaurie.instruments[0].quotes == [Quote("Aalst", "Thesaurie", "Protocol 2019")]
    assert thesaurie.documents == [Quote("Aalst", "Thesaurie", "protocol.pdf · https://aalst.be/p")]
    assert (leningen.cooperating, leningen.instruments) == (0, [])
    assert found.pairs == 3  # Gent's blank answer on Leningen adds no pair; its Thesaurie does


def test_reasons_and_obstacles_count_each_pair_once_per_category():
    found = domain_findings(_answers(), ASPECTS)
    assert [(t.label, t.count) for t in found.reasons] == [
        ("schaal", 2),
        ("efficiëntiewinst", 1),
    ]
    assert found.reasons[0].quotes == [Quote("Aalst", "Thesaurie", "Schaalvoordeel")]
    assert [(t.label, t.count) for t in found.obstacles] == [("juridisch", 2), ("fiscaal", 1)]
    assert found.obstacles[0].quotes == [Quote("Aalst", "Thesaurie", "Privacy")]


def test_wishes_per_aspect_follow_the_degree():
    thesaurie, leningen = domain_findings(_answers(), ASPECTS).wishes
    assert (thesaurie.informal, thesaurie.formal_yes, thesaurie.formal_no) == (1, 1, 0)
    assert (thesaurie.without, thesaurie.desirable_yes, thesaurie.desirable_no) == (0, 0, 0)
    assert (leningen.without, leningen.desirable_yes, leningen.desirable_no) == (2, 1, 1)
    assert thesaurie.quotes == [Quote("Gent", "Thesaurie", "Duidelijke afspraken")]
    assert leningen.quotes == [Quote("Aalst", "Leningen", "Geen nood")]


def test_a_text_without_a_cluster_counts_as_not_classified():
    found = domain_findings([Answer("Aalst", 1, 1, reasons="Gewoon", quotable=True)], ASPECTS)
    assert [(t.label, t.count) for t in found.reasons] == [("", 1)]


def test_other_aspects_are_sorted_by_pair():
    other = [Quote("Gent", "Financieel", "Winterdienst"), Quote("Aalst", "Financieel", "Kas")]
    assert [q.pair for q in domain_findings([], ASPECTS, other).other] == ["Aalst", "Gent"]
