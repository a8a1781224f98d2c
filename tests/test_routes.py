"""Every route name is used once: a second route with a name already taken would silently take
over the links (`{% url %}`, `reverse`) of the first."""

from __future__ import annotations

from collections import Counter

from django.urls import URLPattern, URLResolver, get_resolver


def names(patterns, prefix: str = "") -> list[str]:  # noqa: ANN001
    found: list[str] = []
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{p.namespace}:" if p.namespace else prefix
            found += names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            found.append(prefix + p.name)
    return found


def test_no_route_name_is_used_twice():
    twice = [name for name, n in Counter(names(get_resolver().url_patterns)).items() if n > 1]
    assert twice == []
