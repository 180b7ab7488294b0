"""Timelines as reviews write them: times and dates, clocks and zones, events placed in
time, the start and end of impact."""
