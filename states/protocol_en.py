"""The protocol's category, criterion and ground texts in English, per protocol version, for the
letters and pages a person reads in English. The Dutch text in the version's data stays the
authority; a version without a translation here falls back to it."""

from __future__ import annotations

TEKSTEN_EN: dict[str, dict[str, dict[str, str]]] = {
    "1.4": {
        "categorieen": {
            "A": "Nuisance",
            "B": "Endangerment and aggression",
            "C": "Improper use of the home",
            "D": "Outstanding debt",
            "E": "Fraud",
        },
        "criteria": {
            "I": "Nuisance in or near the home",
            "II": "Endangerment, arson and/or squalor",
            "III": "Threats, violence, intimidation or aggression",
            "IV": "Housing fraud (not the main residence, subletting)",
            "V": "Business, commercial or criminal use",
            "VI": "Acting in breach of the Opium Act",
            "VII": "Rent arrears of at least 3 months or a debt that is due",
            "VIII": "Damage of € 500 or more on leaving or handing back the home",
            "IX": "Incorrect or misleading information, fraud at registration or in an offer",
        },
        "gronden": {
            "a": "A court ruling for eviction or termination of the lease, and the home was "
            "vacated or left voluntarily after a formal demand (I–VII)",
            "b": "A summons was served, after which the tenant left voluntarily before the "
            "ruling (I only)",
            "c": "A demonstrable breach of the Opium Act, closure or termination, and the home "
            "was vacated or left (VI only)",
            "d": "Damage to the rented home of at least € 500 at the end of the lease or on "
            "eviction (VIII only)",
            "e-i": "Fraud leading to exclusion or a change of registration time, or exclusion "
            "from an offer (IX-i)",
            "e-ii": "Voluntary departure after demonstrable fraud (IX-ii)",
            "e-iii": "Court ruling for fraud (IX-iii)",
        },
    }
}


def engels(versie: str, soort: str, code: str, nederlands: str) -> str:
    """The English text of a category, criterion or ground; the Dutch one when there is none."""
    return TEKSTEN_EN.get(versie, {}).get(soort, {}).get(code, nederlands)
