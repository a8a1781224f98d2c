from django.contrib.auth import views as auth_views
from django.urls import path

from portal.web import (
    betrokkene,
    betrokkene_hardheid,
    betrokkene_klacht,
    betrokkene_mijn,
    betrokkene_oneens,
    betrokkene_verzoek,
    deelname,
    deelname_besluiten,
    hardheidsclausule,
    inzage_kopie,
    jaarverslag,
    jaarverslag_uitbrengen,
    lijsten,
    medewerker,
    medewerker_identiteit,
    medewerker_signalering,
    medewerker_signaleringen,
    medewerker_tweestaps,
    periodieke_controles,
    protocolversies,
    registers,
    termijnen,
    toegangstoetsen,
    verwerkingsregister,
    weging,
    werkvoorraad,
    zaak_acties,
)

urlpatterns = [
    path("", werkvoorraad.home, name="home"),
    path("inloggen", betrokkene.inloggen, name="inloggen"),
    path("inloggen/code", betrokkene.inloggen_code, name="inloggen_code"),
    path("inloggen/<str:token>", betrokkene.inloggen_link, name="inloggen_link"),
    path("uitloggen", auth_views.LogoutView.as_view(next_page="/inloggen"), name="uitloggen"),
    path("mijn", betrokkene_mijn.mijn, name="mijn"),
    path("mijn/koppelen", betrokkene_mijn.koppelen, name="koppelen"),
    path("mijn/verzoek", betrokkene_verzoek.nieuw_verzoek, name="nieuw_verzoek"),
    path("mijn/klacht", betrokkene_klacht.nieuwe_klacht, name="nieuwe_klacht"),
    path("mijn/oneens", betrokkene_oneens.oneens, name="oneens"),
    path(
        "mijn/hardheidsclausule",
        betrokkene_hardheid.mijn_hardheidsclausule,
        name="mijn_hardheidsclausule",
    ),
    path("mijn/brief/<int:pk>", betrokkene_mijn.mijn_brief, name="mijn_brief"),
    path("mijn/<str:case_type>/<int:pk>", betrokkene_mijn.mijn_zaak, name="mijn_zaak"),
    # After mijn_zaak: a step's name is never a number, a case's id always is.
    path("mijn/verzoek/<slug:stap>", betrokkene_verzoek.verzoek_stap, name="verzoek_stap"),
    path("mijn/klacht/<slug:stap>", betrokkene_klacht.klacht_stap, name="klacht_stap"),
    path(
        "medewerker/inloggen",
        auth_views.LoginView.as_view(
            template_name="portal/medewerker_inloggen.html", next_page="/medewerker/tweestaps"
        ),
        name="medewerker_inloggen",
    ),
    path("medewerker/tweestaps", medewerker_tweestaps.tweestaps, name="tweestaps"),
    path("medewerker", werkvoorraad.start, name="medewerker"),
    path("medewerker/termijnen", termijnen.termijnen, name="termijnen"),
    path("medewerker/termijnen.csv", termijnen.termijnen_csv, name="termijnen_csv"),
    path("medewerker/jaarverslag", jaarverslag.jaarverslag, name="jaarverslag"),
    path("medewerker/jaarverslag.pdf", jaarverslag.jaarverslag_pdf, name="jaarverslag_pdf"),
    path(
        "medewerker/jaarverslag/<int:pk>/uitbrengen",
        jaarverslag_uitbrengen.uitbrengen,
        name="jaarverslag_uitbrengen",
    ),
    path(
        "medewerker/jaarverslag/<int:pk>/uitgebracht.pdf",
        jaarverslag_uitbrengen.uitgebracht_pdf,
        name="jaarverslag_uitgebracht",
    ),
    path(
        "medewerker/jaarverslag/<slug:tabel>.csv",
        jaarverslag.jaarverslag_csv,
        name="jaarverslag_csv",
    ),
    *(
        path(f"medewerker/{slug}", lijsten.case_list_view(slug), name=f"lijst_{slug}")
        for slug in lijsten.LIJSTEN
    ),
    path(
        "medewerker/controles",
        periodieke_controles.controles,
        name="periodieke_controles",
    ),
    path(
        "medewerker/controles/<int:pk>",
        periodieke_controles.controle,
        name="periodieke_controle",
    ),
    path("medewerker/toegangstoetsen", toegangstoetsen.toegangstoetsen, name="toegangstoetsen"),
    path(
        "medewerker/toegangstoetsen/<int:pk>",
        toegangstoetsen.toegangstoets,
        name="toegangstoets",
    ),
    # ch. 17, 20: participation — admission, temporary and definitive exclusion (ADR 0011)
    path("medewerker/deelname", deelname.deelname, name="deelname"),
    path("medewerker/toetreding", deelname_besluiten.toelaten, name="deelname_toelaten"),
    path("medewerker/deelname/<slug:code>", deelname.deelnemer, name="deelname_deelnemer"),
    path(
        "medewerker/deelname/<slug:code>/verklaring",
        deelname.verklaring,
        name="deelname_verklaring",
    ),
    path(
        "medewerker/deelname/<slug:code>/verklaring-vastleggen",
        deelname_besluiten.verklaring_vastleggen,
        name="deelname_verklaring_vastleggen",
    ),
    path(
        "medewerker/deelname/<slug:code>/uitsluiten",
        deelname_besluiten.uitsluiten,
        name="deelname_uitsluiten",
    ),
    path(
        "medewerker/deelname/<slug:code>/verbeterplan",
        deelname_besluiten.verbeterplan,
        name="deelname_verbeterplan",
    ),
    path(
        "medewerker/deelname/<slug:code>/definitief",
        deelname_besluiten.definitief,
        name="deelname_definitief",
    ),
    # ch. 24: the hardship clause
    path(
        "medewerker/hardheidsclausule",
        hardheidsclausule.hardheidsclausules,
        name="hardheidsclausules",
    ),
    path(
        "medewerker/hardheidsclausule/nieuw",
        hardheidsclausule.hardheidsclausule_nieuw,
        name="hardheidsclausule_nieuw",
    ),
    path(
        "medewerker/hardheidsclausule/<int:pk>",
        hardheidsclausule.hardheidsclausule,
        name="hardheidsclausule",
    ),
    # AVG art. 33(5): the breach register; protocol ch. 10: the public list of participants.
    path(
        "medewerker/datalekkenregister",
        registers.datalekkenregister,
        name="datalekkenregister",
    ),
    path(
        "medewerker/datalekkenregister.csv",
        registers.datalekkenregister_csv,
        name="datalekkenregister_csv",
    ),
    path("deelnemers/<slug:code>", registers.deelnemers, name="deelnemers"),
    path("medewerker/berichten", werkvoorraad.mislukte_berichten, name="mislukte_berichten"),
    # ch. 23: protocol versions; art. 30 AVG: the register entry generated from the one in force.
    path("medewerker/protocol", protocolversies.protocolversies, name="protocolversies"),
    path("medewerker/protocol/<int:pk>", protocolversies.protocolversie, name="protocolversie"),
    path(
        "medewerker/protocol/<int:pk>/vergelijking",
        protocolversies.protocolversie_vergelijking,
        name="protocolversie_vergelijking",
    ),
    path(
        "medewerker/protocol/<int:pk>/ap",
        protocolversies.protocolversie_ap,
        name="protocolversie_ap",
    ),
    path(
        "medewerker/protocol/<int:pk>/publiceren",
        protocolversies.protocolversie_publiceren,
        name="protocolversie_publiceren",
    ),
    path(
        "medewerker/verwerkingsregister",
        verwerkingsregister.verwerkingsregister,
        name="verwerkingsregister",
    ),
    path(
        "medewerker/verwerkingsregister/afdrukken",
        verwerkingsregister.verwerkingsregister_afdrukken,
        name="verwerkingsregister_afdrukken",
    ),
    path(
        "medewerker/signalering",
        medewerker_signalering.nieuwe_signalering,
        name="nieuwe_signalering",
    ),
    path("medewerker/controle", medewerker_signalering.controle, name="controle"),
    path("medewerker/weging", weging.weging, name="weging"),
    path("medewerker/signaleringen", medewerker_signaleringen.signaleringen, name="signaleringen"),
    path(
        "medewerker/signaleringen/<int:pk>",
        medewerker_signalering.signalering_detail,
        name="signalering_detail",
    ),
    path(
        "medewerker/categorie",
        medewerker_signalering.categorie,
        name="categorie",
    ),
    path(
        "medewerker/verzoek/<int:pk>/identiteit",
        medewerker_identiteit.identiteit_zoeken,
        name="identiteit_zoeken",
    ),
    path(
        "medewerker/verzoek/<int:pk>/kopie.json",
        inzage_kopie.inzage_kopie,
        name="inzage_kopie",
    ),
    path("medewerker/<str:case_type>/<int:pk>", medewerker.zaak, name="medewerker_zaak"),
    path(
        "medewerker/<str:case_type>/<int:pk>/<str:action>",
        zaak_acties.zaak_actie,
        name="zaak_actie",
    ),
]
