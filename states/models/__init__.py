from states.models.audit import Raadpleging, Wissingslog
from states.models.bijlage import Bijlage
from states.models.controle import Controle, ControleSoort, ControleState
from states.models.datalek import Datalek, DatalekState
from states.models.deadline import Deadline, DeadlineKind, DeadlineStatus
from states.models.deelname import (
    BesluitSoort,
    Deelnamebesluit,
    Toetreding,
    UitsluitingDeelname,
    UitsluitingDeelnameState,
)
from states.models.geschil import Geschil, GeschilState
from states.models.hardheid import Afwijking, HardheidState, Hardheidsverzoek
from states.models.jaarverslag import Jaarverslag, JaarverslagState
from states.models.klacht import Herstel, Klacht, KlachtSoort, KlachtState
from states.models.matching import Inschrijving, Match
from states.models.region import (
    ApUitkomst,
    Betrokkene,
    Deelnemer,
    Medewerker,
    ProtocolVersie,
    ProtocolVersieState,
    Samenwerkingsverband,
)
from states.models.signalering import Eindreden, Signalering, SignaleringState
from states.models.toegangstoets import (
    Oordeel,
    Toegangstoets,
    ToegangstoetsRegel,
    ToegangstoetsState,
)
from states.models.verzoek import Besluit, Verzoek, VerzoekSoort, VerzoekState
from states.models.weging import Weging, WegingMoment, Wegingstelling, WegingUitkomst

__all__ = [
    "Afwijking",
    "Hardheidsverzoek",
    "HardheidState",
    "Besluit",
    "BesluitSoort",
    "Deelnamebesluit",
    "Toetreding",
    "UitsluitingDeelname",
    "UitsluitingDeelnameState",
    "Betrokkene",
    "Bijlage",
    "Controle",
    "Jaarverslag",
    "JaarverslagState",
    "ControleSoort",
    "ControleState",
    "Datalek",
    "DatalekState",
    "Deadline",
    "DeadlineKind",
    "DeadlineStatus",
    "Geschil",
    "GeschilState",
    "Herstel",
    "Klacht",
    "KlachtSoort",
    "KlachtState",
    "Oordeel",
    "Toegangstoets",
    "ToegangstoetsRegel",
    "ToegangstoetsState",
    "Verzoek",
    "VerzoekSoort",
    "VerzoekState",
    "Deelnemer",
    "Eindreden",
    "Inschrijving",
    "Match",
    "Medewerker",
    "ApUitkomst",
    "ProtocolVersie",
    "ProtocolVersieState",
    "Raadpleging",
    "Weging",
    "WegingMoment",
    "Wegingstelling",
    "WegingUitkomst",
    "Wissingslog",
    "Samenwerkingsverband",
    "Signalering",
    "SignaleringState",
]
