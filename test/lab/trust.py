"""A two-way trust between two Samba AD DCs on this machine, made without DNS or SMB.

Usage: /usr/bin/python3 trust.py create|create-wrong-key|delete SMB_CONF_A SMB_CONF_B [forest|external]

samba-tool's trust create reaches the other DC over SMB or TCP RPC, which fails between two
lab DCs (lab-notes "Two domains": NT_STATUS_INTERNAL_ERROR over SMB, OpenPolicy2 denied over
TCP). Here each side's trusted domain object is created through that DC's own local RPC
socket (ncalrpc, as SYSTEM), with each DC's smb.conf loaded into its own LoadParm: one
loadparm for both would silently send both calls to the same DC. The same random secret
goes to both sides, incoming on one and outgoing on the other, as samba-tool does;
create-wrong-key gives each side secrets of its own (a trust password reset on one side only).
"""
import sys

import samba
from samba import string_to_byte_array
from samba.dcerpc import drsblobs, lsa, security
from samba.param import LoadParm
from samba.trust_utils import CreateTrustedDomainRelax


def connect(conf):
    lp = LoadParm()
    lp.load(conf)
    conn = lsa.lsarpc("ncalrpc:%s[,auth_type=ncalrpc_as_system]" % lp.get("netbios name"), lp, None)
    attr = lsa.ObjectAttribute()
    attr.sec_qos = lsa.QosInfo()
    access = lsa.LSA_POLICY_VIEW_LOCAL_INFORMATION | lsa.LSA_POLICY_TRUST_ADMIN | lsa.LSA_POLICY_CREATE_SECRET
    policy = conn.OpenPolicy2("", attr, access)
    info = conn.QueryInfoPolicy2(policy, lsa.LSA_POLICY_INFO_DNS)
    return conn, policy, info


def auth_blob(secret, now):
    clear = drsblobs.AuthInfoClear()
    clear.size = len(secret)
    clear.password = secret
    info = drsblobs.AuthenticationInformation()
    info.LastUpdateTime = samba.unix2nttime(now)
    info.AuthType = lsa.TRUST_AUTH_TYPE_CLEAR
    info.AuthInfo = clear
    array = drsblobs.AuthenticationInformationArray()
    array.count = 1
    array.array = [info]
    blob = drsblobs.trustAuthInOutBlob()
    blob.count = 1
    blob.current = array
    return blob


def trust_info(other, forest):
    t = lsa.TrustDomainInfoInfoEx()
    t.trust_type = lsa.LSA_TRUST_TYPE_UPLEVEL
    t.trust_direction = lsa.LSA_TRUST_DIRECTION_INBOUND | lsa.LSA_TRUST_DIRECTION_OUTBOUND
    t.trust_attributes = lsa.LSA_TRUST_ATTRIBUTE_FOREST_TRANSITIVE if forest else lsa.LSA_TRUST_ATTRIBUTE_QUARANTINED_DOMAIN
    t.domain_name.string = other.dns_domain.string
    t.netbios_name.string = other.name.string
    t.sid = other.sid
    return t


def secret():
    # 240 random bytes as UTF-16, like samba-tool.
    return string_to_byte_array(samba.generate_random_machine_password(120, 120).encode("utf-16-le"))


def create(a, b, forest, same_keys=True):
    now = samba.current_unix_time()
    a_to_b, b_to_a = secret(), secret()
    b_side = (a_to_b, b_to_a) if same_keys else (secret(), secret())
    enc = lsa.TrustDomainInfoSupportedEncTypes()
    enc.enc_types = security.KERB_ENCTYPE_AES128_CTS_HMAC_SHA1_96 | security.KERB_ENCTYPE_AES256_CTS_HMAC_SHA1_96
    # On A: incoming = what B uses to reach A (b_to_a), outgoing = a_to_b; mirrored on B.
    for (conn, policy, _), other, incoming, outgoing in ((a, b[2], b_to_a, a_to_b), (b, a[2], b_side[0], b_side[1])):
        handle = CreateTrustedDomainRelax(conn, policy, trust_info(other, forest), lsa.LSA_TRUSTED_DOMAIN_ALL_ACCESS, auth_blob(incoming, now), auth_blob(outgoing, now))
        conn.SetInformationTrustedDomain(handle, lsa.LSA_TRUSTED_DOMAIN_SUPPORTED_ENCRYPTION_TYPES, enc)


def delete(side, other):
    conn, policy, _ = side
    name = lsa.String()
    name.string = other[2].dns_domain.string
    try:
        handle = conn.OpenTrustedDomainByName(policy, name, lsa.LSA_TRUSTED_DOMAIN_ALL_ACCESS)
    except samba.NTSTATUSError as e:
        if e.args[0] == 0xC0000034:  # NT_STATUS_OBJECT_NAME_NOT_FOUND: nothing to delete
            return
        raise
    conn.DeleteObject(handle)


def main():
    action, conf_a, conf_b = sys.argv[1:4]
    forest = (sys.argv[4] if len(sys.argv) > 4 else "forest") == "forest"
    a, b = connect(conf_a), connect(conf_b)
    if action == "create":
        create(a, b, forest)
    elif action == "create-wrong-key":
        create(a, b, forest, same_keys=False)
    elif action == "delete":
        delete(a, b)
        delete(b, a)
    else:
        raise SystemExit("usage: trust.py create|create-wrong-key|delete SMB_CONF_A SMB_CONF_B [forest|external]")


main()
