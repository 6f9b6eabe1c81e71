"""The officer side of the e-service engine inside the Wagtail admin: inbox, case page, exports, dashboard panel."""
