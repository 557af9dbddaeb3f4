"""Views of the teaching app: accounts, the participant's pages and actions, the teacher's pages."""
