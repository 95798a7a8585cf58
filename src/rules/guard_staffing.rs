//! Guard staffing (seed 000 附件5 item 4): required guards per campus from its headcount.
