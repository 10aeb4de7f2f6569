"""The WeChat export of an article, in the admin and as `manage.py export_wechat`.

See docs/wechat.md.
"""
