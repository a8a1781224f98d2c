"""Demo data for a first run: real cases in every state, built through the services."""

from states.demo.builder import DEMO_EMAIL, build_demo_data

__all__ = ["DEMO_EMAIL", "build_demo_data"]
