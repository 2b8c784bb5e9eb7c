"""journey: a text-based journey simulation of North Korean defectors' escape routes."""

__version__ = "0.2.0"
