"""Gevoeligheid: how firmly each service sits in its quadrant, most fragile first."""

from igemo_data.ui.firmness import firmness_page

firmness_page()
