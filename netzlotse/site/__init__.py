"""The one place above every app: it wires the apps' own demo, synthetic-data and benchmark modules together,
so that no app has to know the apps built on top of it."""
