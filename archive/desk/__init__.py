"""The curation desk: the review queue for signed-in curators (staff), and what they do there
(accept, edit, reject, merge), each action recorded in the admin's change log."""
