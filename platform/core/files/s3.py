"""Files in S3 (boto3): every object under ``LOOM_STORAGE_S3_PREFIX``, each write encrypted.

Every PutObject and CreateMultipartUpload asks for server-side encryption itself (SSE-KMS with
``LOOM_STORAGE_S3_KMS_KEY_ID``, else SSE-S3), so objects are encrypted even in a bucket whose default
encryption is missing. Downloads are presigned GETs that live ``LOOM_STORAGE_LINK_SECONDS`` and name
the file and its type; the bytes never pass through Loom.

S3 cannot append. An export's steps go into one multipart upload whose id and part ETags the job
keeps (``Appending``). A part must be at least 5 MiB except the last, so a step's rows wait in a
pending object, named by the step's number, until they make a part; a step run again reads the same
pending object, writes the same next one and uploads the same part number, so nothing is doubled.
An export smaller than one part never starts a multipart upload: its last step puts one object.
Uploads left unfinished (a failed export) are aborted by the bucket's lifecycle rule.
"""

from __future__ import annotations

import io
import uuid
from typing import IO, Any

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError
from flask import redirect
from werkzeug.wrappers import Response

from core.files.storage import Appending, content_disposition

MIB = 1024 * 1024
READ_BUFFER = 256 * 1024
MISSING = ("404", "NoSuchKey", "NotFound")


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


class _Counted:
    """A stream that counts what was read from it (upload_fileobj reads in chunks)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream, self.count = stream, 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(size)
        self.count += len(chunk)
        return chunk


class _Body(io.RawIOBase):
    """An object's body as a raw stream, so ``io.BufferedReader`` can read lines from it."""

    def __init__(self, body: Any) -> None:
        self.body = body

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self.body.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def close(self) -> None:
        self.body.close()
        super().close()


class S3Storage:
    def __init__(self, settings: Any) -> None:
        self.bucket: str = settings.storage_s3_bucket
        self.prefix: str = settings.storage_s3_prefix
        self.part_bytes: int = settings.storage_s3_part_mb * MIB
        self.link_seconds: int = settings.storage_link_seconds
        key_id = settings.storage_s3_kms_key_id
        self.encryption: dict[str, Any] = (
            {"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": key_id} if key_id else {"ServerSideEncryption": "AES256"}
        )
        endpoint = settings.storage_s3_endpoint_url or None
        config = Config(signature_version="s3v4", s3={"addressing_style": "path"} if endpoint else {})
        self.client = boto3.session.Session().client(
            "s3", region_name=settings.storage_s3_region or None, endpoint_url=endpoint, config=config
        )

    def key(self, file_id: uuid.UUID) -> str:
        return f"{self.prefix}{file_id.hex}"

    def _pending(self, file_id: uuid.UUID, step: int) -> str:
        return f"{self.key(file_id)}.pending/{step:08d}"

    def write(self, file_id: uuid.UUID, stream: IO[bytes], content_type: str) -> int:
        counted = _Counted(stream)
        transfer = TransferConfig(
            multipart_threshold=self.part_bytes, multipart_chunksize=self.part_bytes, use_threads=False
        )
        extra = {"ContentType": content_type, **self.encryption}
        self.client.upload_fileobj(counted, self.bucket, self.key(file_id), ExtraArgs=extra, Config=transfer)
        return counted.count

    def append(
        self, file_id: uuid.UUID, data: bytes, state: Appending | None, *, content_type: str, last: bool = False
    ) -> Appending:
        before: Appending = state or {"upload_id": None, "parts": [], "step": 0, "pending": 0, "size": 0}
        step = int(before["step"])
        after: Appending = {**before, "step": step + 1, "size": int(before["size"]) + len(data), "pending": 0}
        if last and self.size(file_id) == after["size"]:
            return after  # this last step ran before and completed the file, but its job did not commit
        buffer = self._read(self._pending(file_id, step)) + data if before["pending"] else data
        if last:
            self._finish(file_id, before, buffer, content_type)
            self._remove_pending(file_id)
            return after
        if len(buffer) >= self.part_bytes:
            after["upload_id"] = before["upload_id"] or self._start(file_id, content_type)
            after["parts"] = [*before["parts"], self._part(file_id, after["upload_id"], before["parts"], buffer)]
        else:
            pending = self._pending(file_id, step + 1)
            self.client.put_object(Bucket=self.bucket, Key=pending, Body=buffer, **self.encryption)
            after["pending"] = len(buffer)
        if step > 1:  # the job committed this state, so the previous step's pending object is read no more
            self.client.delete_object(Bucket=self.bucket, Key=self._pending(file_id, step - 1))
        return after

    def _start(self, file_id: uuid.UUID, content_type: str) -> str:
        started = self.client.create_multipart_upload(
            Bucket=self.bucket, Key=self.key(file_id), ContentType=content_type, **self.encryption
        )
        return str(started["UploadId"])

    def _part(self, file_id: uuid.UUID, upload_id: str, parts: list[Any], body: bytes) -> list[Any]:
        number = len(parts) + 1  # from the committed state: the same step run again replaces the same part
        uploaded = self.client.upload_part(
            Bucket=self.bucket, Key=self.key(file_id), UploadId=upload_id, PartNumber=number, Body=body
        )
        return [number, uploaded["ETag"]]

    def _finish(self, file_id: uuid.UUID, state: Appending, buffer: bytes, content_type: str) -> None:
        if not state["upload_id"]:  # smaller than a part: one object
            extra = {"ContentType": content_type, **self.encryption}
            self.client.put_object(Bucket=self.bucket, Key=self.key(file_id), Body=buffer, **extra)
            return
        parts = list(state["parts"])
        if buffer:
            parts.append(self._part(file_id, state["upload_id"], parts, buffer))
        self.client.complete_multipart_upload(
            Bucket=self.bucket,
            Key=self.key(file_id),
            UploadId=state["upload_id"],
            MultipartUpload={"Parts": [{"PartNumber": n, "ETag": etag} for n, etag in parts]},
        )

    def _read(self, key: str) -> bytes:
        body: bytes = self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        return body

    def _remove_pending(self, file_id: uuid.UUID) -> None:
        listed = self.client.list_objects_v2(Bucket=self.bucket, Prefix=f"{self.key(file_id)}.pending/")
        for item in listed.get("Contents", []):
            self.client.delete_object(Bucket=self.bucket, Key=item["Key"])

    def open(self, file_id: uuid.UUID, offset: int = 0) -> IO[bytes]:
        ranged = {"Range": f"bytes={offset}-"} if offset else {}
        try:
            found = self.client.get_object(Bucket=self.bucket, Key=self.key(file_id), **ranged)
        except ClientError as error:
            if _code(error) == "InvalidRange":  # from the very end: nothing more to read
                return io.BytesIO()
            if _code(error) in MISSING:
                raise FileNotFoundError(f"file {file_id} is not stored") from error
            raise
        return io.BufferedReader(_Body(found["Body"]), READ_BUFFER)

    def size(self, file_id: uuid.UUID) -> int | None:
        try:
            head = self.client.head_object(Bucket=self.bucket, Key=self.key(file_id))
        except ClientError as error:
            if _code(error) in MISSING:
                return None
            raise
        return int(head["ContentLength"])

    def delete(self, file_id: uuid.UUID) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self.key(file_id))
        self._remove_pending(file_id)

    def send(self, file_id: uuid.UUID, *, name: str, content_type: str) -> Response:
        url = self.client.generate_presigned_url(
            "get_object",
            Params={
                "Bucket": self.bucket,
                "Key": self.key(file_id),
                "ResponseContentDisposition": content_disposition(name),
                "ResponseContentType": content_type,
            },
            ExpiresIn=self.link_seconds,
        )
        response = redirect(url, 302)
        response.headers["Cache-Control"] = "no-store"  # a new link, good for a short while, each time
        return response
