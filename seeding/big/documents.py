"""The big alliance's folders, documents and versions, in bulk; one folder of 500
documents, one document of 50 versions and a folder deep enough for page 100."""

import hashlib
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from documents.models import Document, Folder, Version
from documents.selectors import PAGE_SIZE

from .people import BATCH
from .words import DOC_WORDS, FOLDER_NAMES, spread

BENCH_FOLDER_DOCS = 500
BENCH_DOC_VERSIONS = 50
DEEP_PAGE = 100
FILE_POOL = 1000  # distinct small files; versions share them as restores do


class DocumentSeeding:
    def _file_pool(self):
        size = min(FILE_POOL, self.counts["versions"])
        pool = []
        for i in range(size):
            content = f"Bench file {i}\n".encode() + b"Alliance Hub benchmark data.\n" * 8
            digest = hashlib.sha256(content).hexdigest()
            key = hashlib.sha256(f"{self.slug}-{i}".encode()).hexdigest()[:32]
            name = default_storage.save(f"documents/{key[:2]}/{key}", ContentFile(content))
            pool.append((name, len(content), digest))
        return pool

    def _folder(self, container, name):
        folder = Folder(name=name, created_by=self.lead)
        folder.set_container(container)
        folder.name_key = name.casefold()
        return folder

    def _document(self, container, folder, title, author, when):
        doc = Document(
            folder=folder,
            title=title,
            name_key=title.casefold(),
            description="",
            file_type="txt",
            created_by=author,
            created_at=when,
            updated_at=when,
        )
        doc.set_container(container)
        return doc

    def documents(self):
        pool = self._file_pool()
        self.bench_folder = self._folder(self.workspace, "Bench folder (500 documents)")
        self.deep_folder = self._folder(self.workspace, "Archive (page 100)")
        folders = [self.bench_folder, self.deep_folder]
        for container in self.containers_all:
            folders += [self._folder(container, f"{name}") for name in FOLDER_NAMES]
        Folder.objects.bulk_create(folders, batch_size=BATCH)
        other_folders = folders[2:]

        rng, people = self.rng, self.people_all
        total = self.counts["documents"]
        deep_count = DEEP_PAGE * PAGE_SIZE + 10
        plan = [(self.bench_folder, BENCH_FOLDER_DOCS), (self.deep_folder, deep_count)]
        rest = max(0, total - BENCH_FOLDER_DOCS - deep_count)
        plan.append((None, rest))
        docs = []
        for folder, count in plan:
            for _ in range(count):
                target = folder or rng.choice(other_folders)
                when = self.now - timedelta(minutes=rng.randrange(1, 1_000_000))
                title = f"{rng.choice(DOC_WORDS)} {rng.choice(DOC_WORDS)} report {len(docs):06d}"
                docs.append(
                    self._document(target.container, target, title, rng.choice(people), when)
                )
        self.bench_document = self._document(
            self.workspace, self.bench_folder, "Bench document (50 versions)", self.lead, self.now
        )
        docs.append(self.bench_document)
        Document.objects.bulk_create(docs, batch_size=BATCH)

        # Versions: 50 for the bench document, the rest spread to reach the total.
        per_doc = spread(rng, docs, BENCH_DOC_VERSIONS, self.counts["versions"])
        versions = []
        for doc in docs:
            for number in range(1, per_doc[doc.pk] + 1):
                name, size, digest = pool[len(versions) % len(pool)]
                versions.append(
                    Version(
                        document=doc,
                        number=number,
                        file=name,
                        original_name=f"{doc.title}.txt",
                        content_type="text/plain",
                        size=size,
                        sha256=digest,
                        preview=Version.Preview.TEXT,
                        change_note=f"Revision {number}" if number > 1 else "",
                        uploaded_by=doc.created_by,
                        uploaded_at=doc.updated_at - timedelta(hours=per_doc[doc.pk] - number),
                    )
                )
        Version.objects.bulk_create(versions, batch_size=BATCH)
        latest = {}
        for v in versions:
            latest[v.document_id] = v
        for doc in docs:
            v = latest[doc.pk]
            doc.latest_version, doc.version_count, doc.size = v, v.number, v.size
        Document.objects.bulk_update(
            docs, ["latest_version", "version_count", "size"], batch_size=BATCH
        )
        self.version_total = len(versions)
        self.document_total = len(docs)
