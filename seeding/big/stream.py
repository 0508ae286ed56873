"""The big alliance's status posts, blog posts, activity and notifications, in bulk."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType

from documents.models import Document
from microblog.models import BlogPost, StatusPost
from workspaces.models import Activity, Notification

from .people import BATCH
from .words import BLOG_BODY, STATUS_TEXTS


class StreamSeeding:
    def microblog(self):
        rng, people = self.rng, self.people_all
        samples = []
        for text in STATUS_TEXTS:
            post = StatusPost(text=text)
            post.set_container(self.workspace)
            post.render_markup()
            samples.append((post.text, post.html, post.markup_version))
        posts = []
        for i in range(self.counts["status_posts"]):
            text, html, version = samples[i % len(samples)]
            post = StatusPost(
                author=rng.choice(people),
                text=text,
                html=html,
                markup_version=version,
                created_at=self.now - timedelta(minutes=self.counts["status_posts"] - i),
            )
            # Four in five posts on the workspace stream, the rest in groups.
            post.set_container(self.workspace if i % 5 else rng.choice(self.containers_all))
            posts.append(post)
        StatusPost.objects.bulk_create(posts, batch_size=BATCH)
        self.post_total = len(posts)

        blog = BlogPost(title="Sample", body=BLOG_BODY)
        blog.render_markup()
        blogs = []
        for i in range(self.counts["blog_posts"]):
            when = self.now - timedelta(hours=i * 3)
            post = BlogPost(
                author=rng.choice(people),
                title=f"Field notes {i:04d}",
                body=BLOG_BODY,
                body_html=blog.body_html,
                markup_version=blog.markup_version,
                status=BlogPost.Status.PUBLISHED,
                created_at=when,
                updated_at=when,
                published_at=when,
            )
            post.set_container(self.containers_all[i % len(self.containers_all)])
            blogs.append(post)
        BlogPost.objects.bulk_create(blogs, batch_size=BATCH)

    def activity_and_notifications(self):

        rng, people = self.rng, self.people_all
        doc_type = ContentType.objects.get_for_model(Document)
        samples = list(
            Document.objects.filter(workspace=self.workspace).select_related("workspace", "group")[
                :200
            ]
        )
        rows = []
        for i in range(self.counts["activity"]):
            doc = samples[i % len(samples)]
            rows.append(
                Activity(
                    workspace_id=doc.workspace_id,
                    group_id=doc.group_id,
                    actor=rng.choice(people),
                    verb=rng.choice(["uploaded", "updated", "commented on"]),
                    target_type=doc_type,
                    target_id=doc.pk,
                    target_label=doc.title,
                    target_url=doc.get_absolute_url(),
                    created_at=self.now - timedelta(minutes=self.counts["activity"] - i),
                )
            )
        Activity.objects.bulk_create(rows, batch_size=BATCH)
        notes = []
        for i in range(self.counts["notifications"]):
            doc = samples[i % len(samples)]
            notes.append(
                Notification(
                    recipient=people[i % len(people)],
                    workspace=self.workspace,
                    kind="new_version",
                    actor=rng.choice(people),
                    text=f"New version of “{doc.title}”",
                    target_url=doc.get_absolute_url(),
                    read_at=self.now if i % 3 else None,
                )
            )
        Notification.objects.bulk_create(notes, batch_size=BATCH)
