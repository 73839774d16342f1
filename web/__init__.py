"""The web app: layout and events (`layout`), HTML (`render`, `facts`, `chart`), the feedback
store (`feedback`) and per-tab conversation state (`session`); styles and scripts in `static/`."""
