"""Werkdomein MENS: its quadrant chart, the four scores per service and quadrants per cluster."""

from igemo_data.ui.domain_page import domain_page

domain_page("MENS")
