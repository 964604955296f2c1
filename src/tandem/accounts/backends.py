"""Logging in with the e-mail address the invitation went to (or a user name given by an
administrator), whatever its capitals."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q


class EmailOrUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        typed = username.strip()
        users = get_user_model()._default_manager
        candidates = list(
            users.filter(Q(username__iexact=typed) | Q(email__iexact=typed)).order_by("pk")[:5]
        )
        # The account whose user name is what was typed comes first; an address shared by two
        # accounts logs in neither by that address (which of them would it be?).
        by_name = [u for u in candidates if u.username.lower() == typed.lower()]
        by_email = [u for u in candidates if u not in by_name]
        for user in by_name or (by_email if len(by_email) == 1 else []):
            if user.check_password(password) and self.user_can_authenticate(user):
                return user
        get_user_model()().set_password(password)  # the same work when nobody matches (timing)
        return None
