"""Certificates as W3C Verifiable Credentials: Open Badges 3.0, signed with
a Data Integrity `eddsa-rdfc-2022` proof by the site's `did:web` issuer."""
