"""The one declaration of who may do what: every route of the web app and the API, per method,
with the subjects that are let through. Everyone else gets 401, 403 or 404 (for a page without
a session: the sign-in page), and nothing is written. tests/test_autorisatie_matrix.py checks
every cell, and that no route exists without its row here.

Subjects: anoniem; per corporation role the OWN corporation (tiwos, the primaire bron of every
record used) and ANDER (tbv); the region's roles; the allocation system; the person the records
are about (betrokkene) and another person (betrokkene_ander).
"""

from __future__ import annotations

from dataclasses import dataclass, field

EIGEN = frozenset({"functionaris", "bevrager", "directie"})
ANDER = frozenset({"functionaris_ander", "bevrager_ander", "directie_ander"})
REGIO = frozenset({"medewerker_swv", "privacy_officer"})
STAF = EIGEN | ANDER | REGIO | {"secretaris_gc", "systeem"}
PERSONEN = frozenset({"betrokkene", "betrokkene_ander"})
IEDEREEN = STAF | PERSONEN | {"anoniem"}
INGELOGD = STAF | PERSONEN
SUBJECTS = sorted(IEDEREEN)


@dataclass(frozen=True)
class Regel:
    methode: str
    route: str  # the route as Django's resolver spells it
    pad: str  # the path, with {sig}, {match}, {verzoek}, ... filled in from the records
    mag: frozenset[str]  # let through (any answer but 401/403/404; a GET: 200)
    body: dict = field(default_factory=dict)
    ziet: frozenset[str] | None = None  # a list: who finds the record's id in it
    geweigerd: tuple[int, ...] = (401, 403, 404)  # the answers that mean "refused"


def r(methode: str, route: str, pad: str, mag: frozenset[str] | set[str], **kw) -> Regel:
    return Regel(methode, route, pad, frozenset(mag), **kw)


API = "api/v1/"
CASE_TRANSITIONS = {"verzoeken": "neem_in_behandeling", "klachten": "bevestig",
                    "geschillen": "neem_in_behandeling", "datalekken": "beoordeel",
                    "hardheidsverzoeken": "pas_toe"}  # fmt: skip
# Who acts on a case (the transition each row tries): the handler, never the person.
CASE_BEHANDELT = {
    "verzoeken": {"functionaris", *REGIO},
    "klachten": {"functionaris", "directie", *REGIO},
    "geschillen": {"secretaris_gc", *REGIO},
    "datalekken": set(REGIO),
    # ch. 24: the primaire bron applies a granted deviation, or the region for it.
    "hardheidsverzoeken": {"functionaris", "medewerker_swv"},
}
# Who sees a case of each kind, about a signalering of tiwos filed by the person (case_views).
CASE_ZIET = {
    "verzoeken": {"functionaris", "directie", *REGIO, "betrokkene"},
    "klachten": {"functionaris", "directie", *REGIO, "secretaris_gc", "betrokkene"},
    "geschillen": {"functionaris", "directie", *REGIO, "secretaris_gc", "betrokkene"},
    "datalekken": {"functionaris", "directie", *REGIO},
    "hardheidsverzoeken": {"functionaris", "directie", *REGIO, "secretaris_gc", "betrokkene"},
}
CASE_INDIENEN = {
    "verzoeken": INGELOGD - {"anoniem"},
    "klachten": INGELOGD - {"anoniem"},
    "geschillen": INGELOGD - {"anoniem"},
    "datalekken": INGELOGD - {"anoniem"},
    "hardheidsverzoeken": INGELOGD - {"anoniem"},
}


def _cases() -> list[Regel]:
    rows = []
    for kind, ziet in CASE_ZIET.items():
        rid = "{" + kind + "}"
        rows += [
            r("GET", API + kind, f"/api/v1/{kind}", INGELOGD, ziet=frozenset(ziet)),
            r("POST", API + kind, f"/api/v1/{kind}", CASE_INDIENEN[kind]),
            r("GET", API + kind + "/<int:pk>", f"/api/v1/{kind}/{rid}", ziet),
            r("POST", API + kind + "/<int:pk>/bijlagen", f"/api/v1/{kind}/{rid}/bijlagen", ziet),
            r(
                "GET",
                API + kind + "/<int:pk>/bijlagen/<int:bijlage>",
                f"/api/v1/{kind}/{rid}/bijlagen/{{bijlage_{kind}}}",
                ziet,
            ),
            r(
                "POST",
                API + kind + "/<int:pk>/transitions/<str:name>",
                f"/api/v1/{kind}/{rid}/transitions/{CASE_TRANSITIONS[kind]}",
                CASE_BEHANDELT[kind],
            ),
        ]
    return rows


REGELS: list[Regel] = [
    r("GET", API + "openapi.json", "/api/v1/openapi.json", IEDEREEN),
    # A list shows each caller only what it may see: the own corporation's, the region's.
    r("GET", API + "signaleringen", "/api/v1/signaleringen", INGELOGD, ziet=EIGEN | REGIO),
    r("POST", API + "signaleringen", "/api/v1/signaleringen", {"functionaris", "functionaris_ander", "medewerker_swv"}),
    r("GET", API + "signaleringen/<int:pk>", "/api/v1/signaleringen/{sig}", EIGEN | REGIO),
    r("PATCH", API + "signaleringen/<int:pk>", "/api/v1/signaleringen/{sig}", {"functionaris", "medewerker_swv"}),
    r("DELETE", API + "signaleringen/<int:pk>", "/api/v1/signaleringen/{sig}", {"functionaris", "medewerker_swv"}),
    r("POST", API + "signaleringen/<int:pk>/transitions/<str:name>", "/api/v1/signaleringen/{sig}/transitions/beeindig", {"functionaris", "medewerker_swv"}),
    # ch. 13.3: a corporation opens the category for its own applicant; the region does not.
    r("POST", API + "categorie", "/api/v1/categorie", {"functionaris", "bevrager", "functionaris_ander", "bevrager_ander"}),
    # Matches are judged by the primaire bron's functionaris (or the samenwerkingsverband).
    r("GET", API + "matches", "/api/v1/matches", {"functionaris", "functionaris_ander", "medewerker_swv"}, ziet=frozenset({"functionaris", "medewerker_swv"})),
    r("POST", API + "matches/<int:pk>/transitions/<str:name>", "/api/v1/matches/{match}/transitions/bevestig", {"functionaris", "medewerker_swv"}),
    r("POST", API + "match-check", "/api/v1/match-check", {"systeem", "medewerker_swv", "functionaris", "bevrager", "functionaris_ander", "bevrager_ander"}),
    r("GET", API + "outbox", "/api/v1/outbox", REGIO),
    r("GET", API + "outbox/<int:pk>/pdf", "/api/v1/outbox/{brief}/pdf", REGIO),
    r("POST", API + "outbox/<int:pk>/transitions/<str:name>", "/api/v1/outbox/{brief}/transitions/geprint", REGIO),
    r("POST", API + "deelnemers/<slug:code>/transitions/<str:name>", "/api/v1/deelnemers/casade/transitions/opschorten", {"medewerker_swv"}),
    r("GET", API + "deadlines", "/api/v1/deadlines", INGELOGD, ziet=frozenset(CASE_ZIET["verzoeken"])),
    r("POST", API + "deadlines/<int:pk>/transitions/<str:name>", "/api/v1/deadlines/{deadline}/transitions/opschorten", {"functionaris", *REGIO}),
    *_cases(),
]  # fmt: skip


# The pages. A page answers "mag" with 200 or a redirect within the site; "nee" with 403, 404 or
# the sign-in page (with the way back), and nothing written. Function views take any method:
# each page's GET, and POST where it has a form. A form POSTed empty shows what a refused role
# meets before any field is read; which step a role may take once the form is filled is the
# service's rule, covered by the API rows above and the case page's action row below.
TERMIJNEN = {"functionaris", "directie", "functionaris_ander", "directie_ander", *REGIO}
SIGNALERINGEN_LIJST = {"functionaris", "bevrager", "directie", "functionaris_ander",
                       "bevrager_ander", "directie_ander", *REGIO}  # fmt: skip
CONTROLE = {"functionaris", "bevrager", "functionaris_ander", "bevrager_ander"}
PAGINA_ZAAK = CASE_ZIET["verzoeken"] - {"betrokkene"}
BEHANDELAARS = {"functionaris", "directie", "functionaris_ander", "directie_ander", *REGIO}
# The staff lists of cases: who may open each (they list only what the API shows them).
LIJSTEN = {
    "verzoeken": BEHANDELAARS,
    "klachten": BEHANDELAARS,
    "geschillen": BEHANDELAARS | {"secretaris_gc"},
    "datalekken": BEHANDELAARS,
}
PAGINA_ACTIE = {"functionaris", *REGIO}
HARDHEID_AANVRAGERS = {"functionaris", "directie", "functionaris_ander", "directie_ander"}
HARDHEID_LIJST = HARDHEID_AANVRAGERS | REGIO | {"secretaris_gc"}
HARDHEID_ZAAK = {"functionaris", "directie", "secretaris_gc", *REGIO}


def p(methode: str, route: str, pad: str, mag: frozenset[str] | set[str], **kw) -> Regel:
    return Regel(methode, route, pad, frozenset(mag), **kw)


PAGINAS: list[Regel] = [
    # The mail provider's delivery webhook: basic auth of its own (ANYMAIL_WEBHOOK_SECRET), so
    # no session opens it — an empty POST without the secret is refused for everyone.
    p(
        "POST",
        "anymail/postmark/tracking/",
        "/anymail/postmark/tracking/",
        set(),
        geweigerd=(400, 401, 403),
    ),  # anymail answers a missing secret with 400
    p("GET", "", "/", IEDEREEN),
    # Health for probes and operators: counts only, no personal data, no session.
    p("GET", "health/web", "/health/web", IEDEREEN),
    p("GET", "health/flows", "/health/flows", IEDEREEN),
    p("GET", "metrics", "/metrics", IEDEREEN),
    p("GET", "inloggen", "/inloggen", IEDEREEN),
    # ch. 10: the public list of participants the placement letter points to.
    p("GET", "deelnemers/<slug:code>", "/deelnemers/woning-in-zicht", IEDEREEN),
    # AVG art. 33(5): the breach register, for the privacy officer.
    p(
        "GET",
        "medewerker/datalekkenregister",
        "/medewerker/datalekkenregister",
        {"privacy_officer"},
    ),
    p(
        "GET",
        "medewerker/datalekkenregister.csv",
        "/medewerker/datalekkenregister.csv",
        {"privacy_officer"},
    ),
    p("POST", "inloggen", "/inloggen", IEDEREEN),
    p("GET", "inloggen/code", "/inloggen/code", IEDEREEN),
    p("POST", "inloggen/code", "/inloggen/code", IEDEREEN),
    p("GET", "inloggen/<str:token>", "/inloggen/onbekend-token", IEDEREEN),
    p("POST", "uitloggen", "/uitloggen", IEDEREEN),
    p("POST", "i18n/setlang/", "/i18n/setlang/", IEDEREEN),
    p("GET", "medewerker/inloggen", "/medewerker/inloggen", IEDEREEN),
    p("POST", "medewerker/inloggen", "/medewerker/inloggen", IEDEREEN),
    p("GET", "medewerker/tweestaps", "/medewerker/tweestaps", STAF),
    p("GET", "mijn", "/mijn", PERSONEN),
    p("GET", "mijn/koppelen", "/mijn/koppelen", PERSONEN),
    p("POST", "mijn/koppelen", "/mijn/koppelen", PERSONEN),
    p("GET", "mijn/verzoek", "/mijn/verzoek", PERSONEN),
    p("POST", "mijn/verzoek", "/mijn/verzoek", PERSONEN),
    p("GET", "mijn/klacht", "/mijn/klacht", PERSONEN),
    p("POST", "mijn/klacht", "/mijn/klacht", PERSONEN),
    p("GET", "mijn/verzoek/<slug:stap>", "/mijn/verzoek/soort", PERSONEN),
    p("POST", "mijn/verzoek/<slug:stap>", "/mijn/verzoek/soort", PERSONEN),
    p("GET", "mijn/klacht/<slug:stap>", "/mijn/klacht/gronden", PERSONEN),
    p("POST", "mijn/klacht/<slug:stap>", "/mijn/klacht/gronden", PERSONEN),
    p("GET", "mijn/oneens", "/mijn/oneens", INGELOGD),  # how to disagree: no personal data
    p("GET", "mijn/brief/<int:pk>", "/mijn/brief/{brief_persoon}", {"betrokkene"}),
    p("GET", "mijn/<str:case_type>/<int:pk>", "/mijn/verzoek/{verzoeken}", {"betrokkene"}),
    p("GET", "medewerker", "/medewerker", STAF | PERSONEN),  # the person: sent to their own page
    p("GET", "medewerker/termijnen", "/medewerker/termijnen", TERMIJNEN),
    p("GET", "medewerker/termijnen.csv", "/medewerker/termijnen.csv", TERMIJNEN),
    # ch. 21-22: the yearly report; a corporation's roles get their own corporation's.
    p("GET", "medewerker/jaarverslag", "/medewerker/jaarverslag", TERMIJNEN),
    p("GET", "medewerker/jaarverslag.pdf", "/medewerker/jaarverslag.pdf", TERMIJNEN),
    p(
        "GET",
        "medewerker/jaarverslag/<slug:tabel>.csv",
        "/medewerker/jaarverslag/signaleringen.csv",
        TERMIJNEN,
    ),
    # ch. 22: the region brings the report out; the directies and the privacy officer read it.
    p(
        "POST",
        "medewerker/jaarverslag/<int:pk>/uitbrengen",
        "/medewerker/jaarverslag/{jaarverslag}/uitbrengen",
        {"medewerker_swv"},
        body={"nagelezen": "on"},
    ),
    p(
        "GET",
        "medewerker/jaarverslag/<int:pk>/uitgebracht.pdf",
        "/medewerker/jaarverslag/{jaarverslag}/uitgebracht.pdf",
        {"medewerker_swv", "privacy_officer", "directie", "directie_ander"},
    ),
    *(p("GET", f"medewerker/{slug}", f"/medewerker/{slug}", mag) for slug, mag in LIJSTEN.items()),
    p("GET", "medewerker/berichten", "/medewerker/berichten", REGIO),
    # ch. 8, 11: the periodic checks; a corporation's verification is done by its functionaris,
    # read by its directie and the privacy officer.
    p(
        "GET",
        "medewerker/controles",
        "/medewerker/controles",
        {"functionaris", "functionaris_ander", "directie", "directie_ander", *REGIO},
    ),
    p(
        "GET",
        "medewerker/controles/<int:pk>",
        "/medewerker/controles/{controle}",
        {"functionaris", "directie", "privacy_officer"},
    ),
    p(
        "POST",
        "medewerker/controles/<int:pk>",
        "/medewerker/controles/{controle}",
        {"functionaris"},
        body={"bevindingen": ""},
    ),
    # ch. 23: protocol versions. The samenwerkingsverband drafts, edits and publishes; the privacy
    # officer (the AP's contact point, art. 39 AVG) records the AP consultation; both read.
    p("GET", "medewerker/protocol", "/medewerker/protocol", REGIO),
    p(
        "POST",
        "medewerker/protocol",
        "/medewerker/protocol",
        {"medewerker_swv"},
        body={"versie": ""},
    ),
    p("GET", "medewerker/protocol/<int:pk>", "/medewerker/protocol/{protocolversie}", REGIO),
    p(
        "POST",
        "medewerker/protocol/<int:pk>",
        "/medewerker/protocol/{protocolversie}",
        {"medewerker_swv"},
    ),  # fmt: skip
    p(
        "GET",
        "medewerker/protocol/<int:pk>/vergelijking",
        "/medewerker/protocol/{protocolversie}/vergelijking",
        REGIO,
    ),
    p("GET", "medewerker/protocol/<int:pk>/ap", "/medewerker/protocol/{protocolversie}/ap", REGIO),
    p(
        "POST",
        "medewerker/protocol/<int:pk>/ap",
        "/medewerker/protocol/{protocolversie}/ap",
        {"privacy_officer"},
    ),  # fmt: skip
    p(
        "GET",
        "medewerker/protocol/<int:pk>/publiceren",
        "/medewerker/protocol/{protocolversie}/publiceren",
        {"medewerker_swv"},
    ),
    p(
        "POST",
        "medewerker/protocol/<int:pk>/publiceren",
        "/medewerker/protocol/{protocolversie}/publiceren",
        {"medewerker_swv"},
    ),
    # art. 30 AVG: the register entry, for the controllers (each directie) and the region.
    p(
        "GET",
        "medewerker/verwerkingsregister",
        "/medewerker/verwerkingsregister",
        REGIO | {"directie", "directie_ander"},
    ),  # fmt: skip
    p(
        "GET",
        "medewerker/verwerkingsregister/afdrukken",
        "/medewerker/verwerkingsregister/afdrukken",
        REGIO | {"directie", "directie_ander"},
    ),
    # ch. 14.1: each directie its own corporation's access review; the privacy officer reads
    # every one (oversight) but judges only the region's own staff.
    p(
        "GET",
        "medewerker/toegangstoetsen",
        "/medewerker/toegangstoetsen",
        {"directie", "directie_ander", "privacy_officer"},
    ),
    p(
        "GET",
        "medewerker/toegangstoetsen/<int:pk>",
        "/medewerker/toegangstoetsen/{toegangstoets}",
        {"directie", "privacy_officer"},
    ),
    p(
        "POST",
        "medewerker/toegangstoetsen/<int:pk>",
        "/medewerker/toegangstoetsen/{toegangstoets}",
        {"directie"},
        body={"rond_af": "1"},
    ),
    # ch. 17, 20: participation. The samenwerkingsverband records admissions and the
    # participants' decisions; the privacy officer reads; no corporation sees this.
    p("GET", "medewerker/deelname", "/medewerker/deelname", REGIO),
    p("GET", "medewerker/toetreding", "/medewerker/toetreding", {"medewerker_swv"}),
    p("POST", "medewerker/toetreding", "/medewerker/toetreding", {"medewerker_swv"}),
    p("GET", "medewerker/deelname/<slug:code>", "/medewerker/deelname/casade", REGIO),
    p(
        "GET",
        "medewerker/deelname/<slug:code>/verklaring",
        "/medewerker/deelname/nieuwkomer/verklaring",
        REGIO,
    ),
    *(
        p(
            methode,
            f"medewerker/deelname/<slug:code>/{stap}",
            f"/medewerker/deelname/casade/{stap}",
            {"medewerker_swv"},
        )
        for stap in ("uitsluiten", "verbeterplan", "definitief", "verklaring-vastleggen")
        for methode in ("GET", "POST")
    ),  # fmt: skip
    # ch. 24: the hardship clause. The committee's secretary, the region and the corporations
    # (their own, or the one they asked about) read the list; a deelnemer's functionaris or
    # directie asks; a case is read by whoever the service lets read it.
    p("GET", "medewerker/hardheidsclausule", "/medewerker/hardheidsclausule", HARDHEID_LIJST),
    p(
        "GET",
        "medewerker/hardheidsclausule/nieuw",
        "/medewerker/hardheidsclausule/nieuw",
        HARDHEID_AANVRAGERS,
    ),
    p(
        "POST",
        "medewerker/hardheidsclausule/nieuw",
        "/medewerker/hardheidsclausule/nieuw",
        HARDHEID_AANVRAGERS,
    ),
    p(
        "GET",
        "medewerker/hardheidsclausule/<int:pk>",
        "/medewerker/hardheidsclausule/{hardheid}",
        HARDHEID_ZAAK,
    ),
    p(
        "POST",
        "medewerker/hardheidsclausule/<int:pk>",
        "/medewerker/hardheidsclausule/{hardheid}",
        HARDHEID_ZAAK,
    ),
    p("GET", "mijn/hardheidsclausule", "/mijn/hardheidsclausule", PERSONEN),
    p("POST", "mijn/hardheidsclausule", "/mijn/hardheidsclausule", PERSONEN),
    p(
        "GET",
        "medewerker/signalering",
        "/medewerker/signalering",
        {"functionaris", "functionaris_ander"},
    ),
    p(
        "POST",
        "medewerker/signalering",
        "/medewerker/signalering",
        {"functionaris", "functionaris_ander"},
    ),
    p("GET", "medewerker/controle", "/medewerker/controle", CONTROLE),
    # ch. 9: the weighing of a blocked candidate, by a corporation's functionaris.
    p("GET", "medewerker/weging", "/medewerker/weging", {"functionaris", "functionaris_ander"}),
    p("POST", "medewerker/weging", "/medewerker/weging", {"functionaris", "functionaris_ander"}),
    p("POST", "medewerker/controle", "/medewerker/controle", CONTROLE),
    p("GET", "medewerker/signaleringen", "/medewerker/signaleringen", SIGNALERINGEN_LIJST),
    p("GET", "medewerker/signaleringen/<int:pk>", "/medewerker/signaleringen/{sig}", EIGEN | REGIO),
    p(
        "POST",
        "medewerker/signaleringen/<int:pk>",
        "/medewerker/signaleringen/{sig}",
        EIGEN | REGIO,
    ),
    p("GET", "medewerker/categorie", "/medewerker/categorie", CONTROLE),
    p("POST", "medewerker/categorie", "/medewerker/categorie", CONTROLE),
    # AVG art. 15(3): the complete copy, for the privacy officer handling an access request.
    p(
        "GET",
        "medewerker/verzoek/<int:pk>/kopie.json",
        "/medewerker/verzoek/{verzoeken}/kopie.json",
        {"privacy_officer"},
    ),
    p(
        "GET",
        "medewerker/verzoek/<int:pk>/identiteit",
        "/medewerker/verzoek/{verzoek_ongekoppeld}/identiteit",
        REGIO,
    ),
    p(
        "POST",
        "medewerker/verzoek/<int:pk>/identiteit",
        "/medewerker/verzoek/{verzoek_ongekoppeld}/identiteit",
        REGIO,
    ),
    p("GET", "medewerker/<str:case_type>/<int:pk>", "/medewerker/verzoek/{verzoeken}", PAGINA_ZAAK),
    p(
        "POST",
        "medewerker/<str:case_type>/<int:pk>/<str:action>",
        "/medewerker/verzoek/{verzoeken}/neem_in_behandeling",
        PAGINA_ACTIE,
    ),
]
