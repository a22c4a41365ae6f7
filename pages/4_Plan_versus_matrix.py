"""The plan's decision per service beside its quadrant now: the list a workshop discusses."""

from igemo_data.ui.domain_page import plan_versus_matrix_page

plan_versus_matrix_page()
