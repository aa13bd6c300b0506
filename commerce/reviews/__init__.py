"""Oscar's product reviews, forked (label ``reviews``): reviews that mean something.

Only a buyer (or a customer whose booking took place) may review, once; stars 1–5, text and
up to three photos; editors moderate; the partner may answer once. Who may review is decided
in one place: ``selectors.review_eligible``.
"""
