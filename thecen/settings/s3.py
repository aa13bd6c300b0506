"""Media on S3-compatible object storage: used when THECEN_S3_BUCKET is set.

Uploaded images, Wagtail renditions and Oscar thumbnails then live in one bucket that every
app server reads and writes, instead of one host's disk. Any S3 API works: AWS S3, NCP
Object Storage, or S3Proxy on a local folder (tools/s3proxy/, used by the tests and `make stack`).
"""

import os

from botocore.config import Config

S3_STORAGE = {
    "BACKEND": "storages.backends.s3.S3Storage",
    "OPTIONS": {
        "bucket_name": os.environ["THECEN_S3_BUCKET"],
        "endpoint_url": os.environ.get("THECEN_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("THECEN_S3_REGION") or None,
        "access_key": os.environ.get("THECEN_S3_ACCESS_KEY_ID") or None,
        "secret_key": os.environ.get("THECEN_S3_SECRET_ACCESS_KEY") or None,
        # Public media behind a CDN or the bucket's own host: plain URLs, no signature.
        # Without a custom domain the URLs are signed and expire (private buckets).
        "custom_domain": os.environ.get("THECEN_S3_CUSTOM_DOMAIN") or None,
        "url_protocol": os.environ.get("THECEN_S3_URL_PROTOCOL", "https:"),
        "querystring_auth": not os.environ.get("THECEN_S3_CUSTOM_DOMAIN"),
        "location": os.environ.get("THECEN_S3_PREFIX", "media"),
        "file_overwrite": False,
        "addressing_style": os.environ.get("THECEN_S3_ADDRESSING_STYLE", "path"),
        "signature_version": "s3v4",
        # boto3 adds CRC checksums to every upload by default since 1.36; many S3-compatible
        # servers (S3Proxy, several Korean clouds) refuse them. Send them only when required.
        "client_config": Config(
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
        ),
        # Uploads and renditions are served for long: a changed image gets a new name.
        "object_parameters": {"CacheControl": "public, max-age=31536000"},
    },
}
