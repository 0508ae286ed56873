"""A test SAML 2.0 identity provider: its own key and self-signed certificate, and
responses signed with them the way a real IdP signs its assertions (XML-DSig via
xmlsec, through python3-saml's signing helper)."""

import base64
import datetime as dt
import http.server
import threading
import uuid
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from onelogin.saml2.utils import OneLogin_Saml2_Utils

ENTITY_ID = "https://idp.nordicwind.example/saml"
EMAIL_ATTRIBUTE = "urn:oid:0.9.2342.19200300.100.1.3"
FIRST_NAME_ATTRIBUTE = "urn:oid:2.5.4.42"


def key_and_certificate(common_name="Test IdP"):
    """A fresh RSA key and a self-signed certificate for it, both as PEM text."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return key_pem, certificate.public_bytes(serialization.Encoding.PEM).decode()


def _instant(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def assertion_xml(*, email, acs_url, audience, in_response_to, valid_for=300, name="Newcomer"):
    now = dt.datetime.now(dt.UTC)
    until = _instant(now + dt.timedelta(seconds=valid_for))
    before = _instant(now - dt.timedelta(minutes=5))
    return f"""<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" \
ID="_{uuid.uuid4().hex}" Version="2.0" IssueInstant="{_instant(now)}">
<saml:Issuer>{ENTITY_ID}</saml:Issuer>
<saml:Subject>
<saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">{email}</saml:NameID>
<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
<saml:SubjectConfirmationData NotOnOrAfter="{until}" Recipient="{acs_url}" \
InResponseTo="{in_response_to}"/>
</saml:SubjectConfirmation>
</saml:Subject>
<saml:Conditions NotBefore="{before}" NotOnOrAfter="{until}">
<saml:AudienceRestriction><saml:Audience>{audience}</saml:Audience></saml:AudienceRestriction>
</saml:Conditions>
<saml:AuthnStatement AuthnInstant="{_instant(now)}" SessionIndex="_{uuid.uuid4().hex}">
<saml:AuthnContext><saml:AuthnContextClassRef>\
urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport\
</saml:AuthnContextClassRef></saml:AuthnContext>
</saml:AuthnStatement>
<saml:AttributeStatement>
<saml:Attribute Name="{EMAIL_ATTRIBUTE}"><saml:AttributeValue>{email}</saml:AttributeValue>\
</saml:Attribute>
<saml:Attribute Name="{FIRST_NAME_ATTRIBUTE}"><saml:AttributeValue>{name}</saml:AttributeValue>\
</saml:Attribute>
</saml:AttributeStatement>
</saml:Assertion>"""


def response_xml(*, assertion, acs_url, in_response_to):
    now = _instant(dt.datetime.now(dt.UTC))
    return f"""<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" \
xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_{uuid.uuid4().hex}" Version="2.0" \
IssueInstant="{now}" Destination="{acs_url}" InResponseTo="{in_response_to}">
<saml:Issuer>{ENTITY_ID}</saml:Issuer>
<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>
{assertion}
</samlp:Response>"""


def sign(assertion, key_pem, cert_pem):
    signed = OneLogin_Saml2_Utils.add_sign(assertion, key_pem, cert_pem)
    return signed.decode() if isinstance(signed, bytes) else signed


def encode(xml):
    return base64.b64encode(xml.encode()).decode()


def request_id(redirect_url):
    """The ID of the AuthnRequest our service provider sent to the IdP."""
    saml_request = parse_qs(urlsplit(redirect_url).query)["SAMLRequest"][0]
    xml = OneLogin_Saml2_Utils.decode_base64_and_inflate(saml_request)
    xml = xml.decode() if isinstance(xml, bytes) else xml
    return xml.split(' ID="', 1)[1].split('"', 1)[0]


class _Answers(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the standard library's name)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"IdP sign-in page")

    def log_message(self, *args):
        pass


def serve(port):
    """The IdP's sign-in URL answering on 127.0.0.1:``port`` (it is "up")."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), _Answers)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
