"""Shared test settings: a quick hypothesis profile for the suite and a thorough one for bug hunts."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("LOCCIT_HYPOTHESIS_PROFILE", "default"))
