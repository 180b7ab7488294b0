"""Every problem of every incident file, as positioned values (`check_archive`)."""
