"""Django's own strings that Reintegra's pages show, marked here so that makemessages extracts them.

Django ships no catalogue for Montenegrin (cnr), so without these entries its form errors, password
rules and field labels would appear in English under /cnr/. Listing them here puts them in every
language's catalogue under reintegra/locale, which takes precedence over Django's catalogues, so the
translation in our .po files is the one users read, in every language.

Each msgid must match Django's source exactly (curly apostrophes and placeholders included);
test_translations checks that each one still exists in Django's English catalogues after an upgrade.
Nothing imports this module: it exists to be read by makemessages.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

FORM_FIELD_ERRORS = (
    # django/forms/fields.py, django/forms/models.py and django/core/validators.py
    gettext_noop("This field is required."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid UUID."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a list of values."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
)

PASSWORD_RULES = (
    # django/contrib/auth/password_validation.py: the errors and the help texts of the validators
    # in AUTH_PASSWORD_VALIDATORS.
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("This password is too common."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("Your password can’t be entirely numeric."),
)

ACCOUNT_FORMS = (
    # django/contrib/auth/forms.py and models.py: labels and errors of the sign-in and password
    # forms, and the user fields the similarity rule names.
    gettext_noop("username"),
    gettext_noop("first name"),
    gettext_noop("last name"),
    gettext_noop("Password"),
    gettext_noop("New password"),
    gettext_noop("New password confirmation"),
    gettext_noop("Old password"),
    gettext_noop("Email"),
    gettext_noop("Enter the same password as before, for verification."),
    gettext_noop("The two password fields didn’t match."),
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
)

MONTH_ABBREVIATIONS = (
    # django/utils/dates.py: MONTHS_3, which the date filter's "M" and "b" formats show.
    gettext_noop("jan"),
    gettext_noop("feb"),
    gettext_noop("mar"),
    gettext_noop("apr"),
    gettext_noop("may"),
    gettext_noop("jun"),
    gettext_noop("jul"),
    gettext_noop("aug"),
    gettext_noop("sep"),
    gettext_noop("oct"),
    gettext_noop("nov"),
    gettext_noop("dec"),
)
