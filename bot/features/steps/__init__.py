"""The seven steps, one module each, in order. Each exports NUMBER, enter() and FEATURE."""

from __future__ import annotations

from bot.core.feature import Feature
from bot.features.steps import common, step1, step2, step3, step4, step5, step6, step7

STEP_MODULES = (step1, step2, step3, step4, step5, step6, step7)
STEP_FEATURES: list[Feature] = [module.FEATURE for module in STEP_MODULES]
common.ENTRIES.update({module.NUMBER: module.enter for module in STEP_MODULES})
assert sorted(common.ENTRIES) == list(range(1, 8)), "every step needs exactly one module"
