"""Widgets of the journey screen: route map, status panel, choices and journal."""
