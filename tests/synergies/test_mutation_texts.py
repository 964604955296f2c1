"""Faults in reports/synergy/texts.py that a sampled mutation run (issue 15, QUALITY.md T1;
benchmarks/mutation_sample.py) showed the suite let through: the legal basis of a Flemish and of
a Walloon report (the tests read Brussels only). Expected texts: the catalogues' translations
(locale/*/LC_MESSAGES/django.po)."""

from django.utils import translation

from tandem.reports.synergy.texts import FLANDERS, WALLONIA, LegalBasis, legal_basis


def test_a_flemish_report_gives_the_integration_status_under_the_2017_decree():
    with translation.override("nl"):
        basis = legal_basis(FLANDERS)
    assert basis == LegalBasis(
        title="Integratiestatus van gemeente en OCMW",
        lead="",
        rule=(
            "Sinds 1 januari 2019 hebben de gemeente en het OCMW één raad, één uitvoerend orgaan "
            "en één ambtelijke leiding, op grond van het Decreet over het lokaal bestuur van 22 "
            "december 2017. Dit verslag geeft de stand van hun integratie weer: wat de twee "
            "rechtspersonen al samen doen en wat ze van plan zijn."
        ),
        quoted=False,
    )


def test_a_walloon_report_paraphrases_article_26bis_for_both_directors_general():
    with translation.override("fr"):
        basis = legal_basis(WALLONIA)
    assert basis == LegalBasis(
        title="Rapport annuel sur les synergies existantes et à développer",
        lead="",
        rule=(
            "En vertu de l’article 26bis, § 5, de la loi du 8 juillet 1976 organique des CPAS, "
            "les directeurs généraux de la commune et du CPAS établissent conjointement chaque "
            "année un rapport sur l’ensemble des synergies existantes et à développer entre la "
            "commune et le CPAS. Ce rapport est présenté lors de la séance publique commune du "
            "conseil communal et du conseil de l’action sociale."
        ),
        quoted=False,
    )
