from states.models.audit import Raadpleging
from states.models.matching import Inschrijving, Match
from states.models.region import Deelnemer, Medewerker, ProtocolVersie, Samenwerkingsverband
from states.models.signalering import Eindreden, Signalering, SignaleringState

__all__ = [
    "Deelnemer",
    "Eindreden",
    "Inschrijving",
    "Match",
    "Medewerker",
    "ProtocolVersie",
    "Raadpleging",
    "Samenwerkingsverband",
    "Signalering",
    "SignaleringState",
]
