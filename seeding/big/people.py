"""The big alliance's people, containers and memberships, in bulk."""

from datetime import timedelta

from django.contrib.auth.hashers import make_password

from profiles.models import Profile
from workspaces import services
from workspaces.models import GroupMembership, Membership, Organisation, RoleGroup, Workspace
from workspaces.roles import Role

from .words import CITIES, FIRST, JOBS, LAST

BATCH = 2000
PASSWORD = "bench-password"  # noqa: S105 - a throwaway benchmark data set


class PeopleSeeding:
    def people(self):
        n = self.counts["members"]
        self.organisations = Organisation.objects.bulk_create(
            Organisation(name=f"Partner organisation {i:03d} ({self.slug})")
            for i in range(self.counts["organisations"])
        )
        self.lead = self.User.objects.create_user(
            email=f"lead@{self.slug}.example", password=PASSWORD, display_name="Big Lead"
        )
        password = make_password(PASSWORD)
        users = [
            self.User(
                email=f"member{i:05d}@{self.slug}.example",
                display_name=f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i}",
                password=password,
            )
            for i in range(n - 1)
        ]
        self.members = self.User.objects.bulk_create(users, batch_size=BATCH)
        Profile.objects.bulk_create(
            (
                Profile(user=u, job_title=JOBS[i % len(JOBS)], location=CITIES[i % len(CITIES)])
                for i, u in enumerate(self.members)
            ),
            batch_size=BATCH,
        )
        self.people_all = [self.lead, *self.members]

    def containers(self):
        self.workspace = Workspace.objects.create(
            name="Big Alliance", slug=self.slug, created_by=self.lead
        )
        services.create_role_groups(self.workspace)
        services.member_add(
            actor=self.lead,
            workspace=self.workspace,
            user=self.lead,
            role=Role.LEAD,
            organisation=self.organisations[0],
            check=False,
        )
        self.workspace.partners.add(*self.organisations)
        self.groups = []
        for i in range(self.counts["groups"]):
            self.groups.append(
                services.group_create(
                    actor=self.lead,
                    workspace=self.workspace,
                    name=f"Work package {i + 1}",
                    slug=f"wp{i + 1}",
                    is_private=(i % 3 == 2),
                )
            )
        self.private_groups = [g for g in self.groups if g.is_private]

    def _role_for(self, index):
        # member0, the benchmark's persona, is a plain member (in every private group).
        if index % 50 == 25:
            return Role.COMMUNITY_MANAGER
        if index % 10 == 1:
            return Role.OBSERVER
        return Role.MEMBER

    def memberships(self):
        """Memberships, private-group memberships and the role auth groups, in bulk:
        what ``member_add`` and ``group_member_add`` do one by one."""
        role_groups = {
            (rg.workspace_id, rg.group_id, rg.role): rg.auth_group_id
            for rg in RoleGroup.objects.filter(workspace=self.workspace)
            | RoleGroup.objects.filter(group__in=self.private_groups)
        }
        roles = {u.pk: self._role_for(i) for i, u in enumerate(self.members)}
        Membership.objects.bulk_create(
            (
                Membership(
                    workspace=self.workspace,
                    user=u,
                    organisation=self.organisations[i % len(self.organisations)],
                    role=roles[u.pk],
                    joined_at=self.now - timedelta(days=i % 700),
                    welcomed_at=self.now,
                )
                for i, u in enumerate(self.members)
            ),
            batch_size=BATCH,
        )
        Through = self.User.groups.through
        links = [
            Through(user_id=u.pk, group_id=role_groups[(self.workspace.pk, None, roles[u.pk])])
            for u in self.members
        ]
        group_members = []
        for index, group in enumerate(self.private_groups):
            # Every fifth person, shifted per group; member0 is in all of them.
            chosen = [u for i, u in enumerate(self.members) if (i + index) % 5 == 0 or i == 0]
            for u in chosen:
                group_members.append(GroupMembership(group=group, user=u))
                links.append(
                    Through(user_id=u.pk, group_id=role_groups[(None, group.pk, roles[u.pk])])
                )
        GroupMembership.objects.bulk_create(group_members, batch_size=BATCH)
        Through.objects.bulk_create(links, batch_size=BATCH, ignore_conflicts=True)
        staff = [u.pk for u in self.members if roles[u.pk] == Role.COMMUNITY_MANAGER]
        admin = services.admin_auth_group()
        Through.objects.bulk_create(
            [Through(user_id=pk, group_id=admin.pk) for pk in staff], ignore_conflicts=True
        )
        self.User.objects.filter(pk__in=staff).update(is_staff=True)
        self.bench_member = self.members[0]
        self.containers_all = [self.workspace, *self.groups]
