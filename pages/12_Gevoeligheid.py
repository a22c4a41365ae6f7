"""Gevoeligheid: how firmly each service sits in its quadrant, most fragile first."""

from igemo_data.ui.firmness_page import firmness_page

firmness_page()
