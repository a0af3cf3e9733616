//! HPKE (RFC 9180) for one KEM and one KDF: DHKEM(X25519, HKDF-SHA256) (`kem_id` 0x0020) and HKDF-SHA256
//! (`kdf_id` 0x0001), with AES-128-GCM, AES-256-GCM or ChaCha20-Poly1305 (`aead_id` 1, 2, 3; the export-only AEAD
//! 0xFFFF is not offered), in the four modes (base, psk, auth, auth_psk). Composed as RFC 9180 §4, §4.1, §5 and
//! §7.1 describe from pieces the crate already has: X25519 ([`crate::x25519`]), HKDF-SHA256 ([`crate::hkdf`]) and
//! AWS-LC's AEADs (`aws-lc-rs`'s [`LessSafeKey`]); no primitive is written here.
//!
//! A sender context ([`HpkeContext::setup_sender`]) seals, a receiver context ([`HpkeContext::setup_receiver`])
//! opens, and both export secrets (§5.3). The sequence number is 64 bits: a context refuses to seal or open once
//! it reaches `u64::MAX` (after 2^64 - 1 messages), a stricter limit than the RFC's 2^96 - 1. [`seal`] and [`open`]
//! are the single-shot APIs (§6.1), and [`derive_key_pair`] is DeriveKeyPair (§7.1.3).
//!
//! Errors: [`FerriteStatus::InvalidArgument`] for an unknown suite or mode, keys of the wrong kind for the mode,
//! PSK inputs that VerifyPSKInputs refuses (§5.1: `psk` and `psk_id` both empty or both not, given exactly in the
//! PSK modes), a low-order recipient public key (the sender's DH all zeros, §7.1.4), a low-order sender public key
//! in an auth-mode receiver, a context used in the other role, an exhausted sequence number and an export length
//! outside 1 to [`MAX_EXPORT_LEN`]; [`FerriteStatus::AuthenticationFailed`] for a ciphertext whose tag does not
//! match and for an `enc` whose DH with the recipient's key is all zeros (a crafted encapsulation is a bad
//! ciphertext, reported as one). Every intermediate secret (DH results, the shared secret, the key schedule's
//! `secret`, the AEAD key bytes) is wiped once used, and a context's secrets when it is dropped.

use aws_lc_rs::aead::{
    AES_128_GCM, AES_256_GCM, Aad, Algorithm, CHACHA20_POLY1305, LessSafeKey, Nonce, UnboundKey,
};
use zeroize::Zeroizing;

use crate::hkdf::{self, HASH_LEN};
use crate::status::FerriteStatus;
use crate::x25519;

/// Length of an encapsulated key (`enc`, Nenc) and of an X25519 private or public key (Nsk, Npk).
pub const ENC_LEN: usize = 32;

/// Length of the tag each sealed message carries (Nt, the same for the three AEADs).
pub const AEAD_TAG_LEN: usize = 16;

/// Most bytes one export produces: 255 × 32, HKDF-SHA256's limit.
pub const MAX_EXPORT_LEN: usize = 8160;

/// Length of a nonce (Nn, the same for the three AEADs).
const NONCE_LEN: usize = 12;

const _: () = assert!(ENC_LEN == x25519::KEY_LEN && MAX_EXPORT_LEN == hkdf::MAX_OUTPUT_LEN);

/// The label every labeled extraction and expansion starts with (RFC 9180 §4).
const VERSION_LABEL: &[u8] = b"HPKE-v1";

/// The KEM's `suite_id`: `"KEM" || I2OSP(kem_id, 2)` (RFC 9180 §4.1).
const KEM_SUITE_ID: [u8; 5] = *b"KEM\x00\x20";

/// The AEAD of a suite (RFC 9180 §7.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aead {
    /// AES-128-GCM, `aead_id` 1.
    Aes128Gcm,
    /// AES-256-GCM, `aead_id` 2.
    Aes256Gcm,
    /// ChaCha20-Poly1305, `aead_id` 3.
    ChaCha20Poly1305,
}

impl Aead {
    /// The AEAD whose identifier is `aead_id`.
    ///
    /// # Errors
    /// [`FerriteStatus::InvalidArgument`] for any identifier but 1, 2 and 3.
    pub fn from_id(aead_id: u32) -> Result<Self, FerriteStatus> {
        match aead_id {
            1 => Ok(Self::Aes128Gcm),
            2 => Ok(Self::Aes256Gcm),
            3 => Ok(Self::ChaCha20Poly1305),
            _ => Err(FerriteStatus::InvalidArgument),
        }
    }

    /// `aead_id`.
    #[must_use]
    pub const fn id(self) -> u16 {
        match self {
            Self::Aes128Gcm => 1,
            Self::Aes256Gcm => 2,
            Self::ChaCha20Poly1305 => 3,
        }
    }

    /// Length of the key (Nk).
    const fn key_len(self) -> usize {
        match self {
            Self::Aes128Gcm => 16,
            Self::Aes256Gcm | Self::ChaCha20Poly1305 => 32,
        }
    }

    fn algorithm(self) -> &'static Algorithm {
        match self {
            Self::Aes128Gcm => &AES_128_GCM,
            Self::Aes256Gcm => &AES_256_GCM,
            Self::ChaCha20Poly1305 => &CHACHA20_POLY1305,
        }
    }
}

/// The mode (RFC 9180 §5): whether a pre-shared key and the sender's key take part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `mode_base` (0): neither.
    Base,
    /// `mode_psk` (1): a pre-shared key.
    Psk,
    /// `mode_auth` (2): the sender's key pair.
    Auth,
    /// `mode_auth_psk` (3): both.
    AuthPsk,
}

impl Mode {
    /// The mode whose identifier is `mode`.
    ///
    /// # Errors
    /// [`FerriteStatus::InvalidArgument`] for any identifier but 0 to 3.
    pub fn from_id(mode: u32) -> Result<Self, FerriteStatus> {
        match mode {
            0 => Ok(Self::Base),
            1 => Ok(Self::Psk),
            2 => Ok(Self::Auth),
            3 => Ok(Self::AuthPsk),
            _ => Err(FerriteStatus::InvalidArgument),
        }
    }

    /// The mode's identifier.
    #[must_use]
    pub const fn id(self) -> u8 {
        match self {
            Self::Base => 0,
            Self::Psk => 1,
            Self::Auth => 2,
            Self::AuthPsk => 3,
        }
    }

    /// Whether the mode takes a pre-shared key (psk, auth_psk).
    #[must_use]
    pub const fn has_psk(self) -> bool {
        matches!(self, Self::Psk | Self::AuthPsk)
    }

    /// Whether the mode authenticates the sender's key pair (auth, auth_psk).
    #[must_use]
    pub const fn has_auth(self) -> bool {
        matches!(self, Self::Auth | Self::AuthPsk)
    }
}

/// Which side of the exchange a context belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Made by [`HpkeContext::setup_sender`]: seals (and exports).
    Sender,
    /// Made by [`HpkeContext::setup_receiver`]: opens (and exports).
    Receiver,
}

/// The concatenation of `parts`, in a buffer wiped when dropped (allocated once, so no copy is left behind).
fn concat(parts: &[&[u8]]) -> Zeroizing<Vec<u8>> {
    let len = parts
        .iter()
        .fold(0usize, |sum, part| sum.saturating_add(part.len()));
    let mut out = Zeroizing::new(Vec::with_capacity(len));
    for part in parts {
        out.extend_from_slice(part);
    }
    out
}

/// `LabeledExtract(salt, label, ikm)` (RFC 9180 §4) under `suite_id`.
fn labeled_extract(
    suite_id: &[u8],
    salt: &[u8],
    label: &[u8],
    ikm: &[u8],
) -> Result<Zeroizing<[u8; HASH_LEN]>, FerriteStatus> {
    let labeled_ikm = concat(&[VERSION_LABEL, suite_id, label, ikm]);
    hkdf::extract(salt, &labeled_ikm).map(Zeroizing::new)
}

/// `LabeledExpand(prk, label, info, out.len())` (RFC 9180 §4) under `suite_id`, into `out` (1 to 8160 bytes).
fn labeled_expand(
    suite_id: &[u8],
    prk: &[u8],
    label: &[u8],
    info: &[u8],
    out: &mut [u8],
) -> Result<(), FerriteStatus> {
    let length = u16::try_from(out.len())
        .map_err(|_| FerriteStatus::InvalidArgument)?
        .to_be_bytes();
    let labeled_info = concat(&[&length, VERSION_LABEL, suite_id, label, info]);
    hkdf::expand(prk, &labeled_info, out)
}

/// `DH(private_key, public_key)`; `error` when the result is all zeros (a low-order public key, RFC 9180 §7.1.4).
fn dh(
    private_key: &[u8; ENC_LEN],
    public_key: &[u8; ENC_LEN],
    error: FerriteStatus,
) -> Result<Zeroizing<[u8; ENC_LEN]>, FerriteStatus> {
    let shared = Zeroizing::new(x25519::agree(private_key, public_key));
    // Every byte is read whatever the values: the check takes the same time for every secret.
    if shared.iter().fold(0u8, |any, byte| any | byte) == 0 {
        return Err(error);
    }
    Ok(shared)
}

/// `ExtractAndExpand(dh, kem_context)` (RFC 9180 §4.1): the KEM's shared secret.
fn extract_and_expand(
    dh: &[u8],
    kem_context: &[u8],
) -> Result<Zeroizing<[u8; HASH_LEN]>, FerriteStatus> {
    let eae_prk = labeled_extract(&KEM_SUITE_ID, &[], b"eae_prk", dh)?;
    let mut shared_secret = Zeroizing::new([0u8; HASH_LEN]);
    labeled_expand(
        &KEM_SUITE_ID,
        eae_prk.as_slice(),
        b"shared_secret",
        kem_context,
        shared_secret.as_mut_slice(),
    )?;
    Ok(shared_secret)
}

/// `Encap(pkR)` or, with the sender's private key, `AuthEncap(pkR, skS)` (RFC 9180 §4.1), with the ephemeral
/// private key `ephemeral`: the shared secret and `enc`. A low-order `pkR` is an invalid argument.
fn encap(
    recipient_public_key: &[u8; ENC_LEN],
    ephemeral: &[u8; ENC_LEN],
    sender_private_key: Option<&[u8; ENC_LEN]>,
) -> Result<(Zeroizing<[u8; HASH_LEN]>, [u8; ENC_LEN]), FerriteStatus> {
    let enc = x25519::public_key(ephemeral);
    let dh_e = dh(
        ephemeral,
        recipient_public_key,
        FerriteStatus::InvalidArgument,
    )?;
    let shared_secret = match sender_private_key {
        None => extract_and_expand(dh_e.as_slice(), &concat(&[&enc, recipient_public_key]))?,
        Some(sender_private_key) => {
            let dh_s = dh(
                sender_private_key,
                recipient_public_key,
                FerriteStatus::InvalidArgument,
            )?;
            let sender_public_key = x25519::public_key(sender_private_key);
            extract_and_expand(
                &concat(&[dh_e.as_slice(), dh_s.as_slice()]),
                &concat(&[&enc, recipient_public_key, &sender_public_key]),
            )?
        }
    };
    Ok((shared_secret, enc))
}

/// `Decap(enc, skR)` or, with the sender's public key, `AuthDecap(enc, skR, pkS)` (RFC 9180 §4.1): the shared
/// secret. A low-order `pkS` is an invalid argument (checked first: it is the caller's error whatever `enc` is); an
/// `enc` whose DH is all zeros fails authentication.
fn decap(
    enc: &[u8; ENC_LEN],
    recipient_private_key: &[u8; ENC_LEN],
    sender_public_key: Option<&[u8; ENC_LEN]>,
) -> Result<Zeroizing<[u8; HASH_LEN]>, FerriteStatus> {
    let dh_s = sender_public_key
        .map(|pk_s| dh(recipient_private_key, pk_s, FerriteStatus::InvalidArgument))
        .transpose()?;
    let dh_e = dh(
        recipient_private_key,
        enc,
        FerriteStatus::AuthenticationFailed,
    )?;
    let recipient_public_key = x25519::public_key(recipient_private_key);
    match (dh_s, sender_public_key) {
        (Some(dh_s), Some(sender_public_key)) => extract_and_expand(
            &concat(&[dh_e.as_slice(), dh_s.as_slice()]),
            &concat(&[enc, &recipient_public_key, sender_public_key]),
        ),
        _ => extract_and_expand(dh_e.as_slice(), &concat(&[enc, &recipient_public_key])),
    }
}

/// `VerifyPSKInputs(mode, psk, psk_id)` (RFC 9180 §5.1): `psk` and `psk_id` both empty or both not, and given
/// exactly in the PSK modes.
fn verify_psk_inputs(mode: Mode, psk: &[u8], psk_id: &[u8]) -> Result<(), FerriteStatus> {
    let got_psk = !psk.is_empty();
    let got_psk_id = !psk_id.is_empty();
    if got_psk != got_psk_id || got_psk != mode.has_psk() {
        return Err(FerriteStatus::InvalidArgument);
    }
    Ok(())
}

/// The HPKE `suite_id`: `"HPKE" || I2OSP(kem_id, 2) || I2OSP(kdf_id, 2) || I2OSP(aead_id, 2)` (RFC 9180 §5.1).
fn suite_id(aead: Aead) -> [u8; 10] {
    let [aead_high, aead_low] = aead.id().to_be_bytes();
    [
        b'H', b'P', b'K', b'E', 0x00, 0x20, 0x00, 0x01, aead_high, aead_low,
    ]
}

/// `key_schedule_context = mode || psk_id_hash || info_hash` (RFC 9180 §5.1).
fn key_schedule_context(
    suite_id: &[u8],
    mode: Mode,
    info: &[u8],
    psk_id: &[u8],
) -> Result<[u8; 1 + 2 * HASH_LEN], FerriteStatus> {
    let psk_id_hash = labeled_extract(suite_id, &[], b"psk_id_hash", psk_id)?;
    let info_hash = labeled_extract(suite_id, &[], b"info_hash", info)?;
    let mut context = [0u8; 1 + 2 * HASH_LEN];
    context[0] = mode.id();
    context[1..=HASH_LEN].copy_from_slice(psk_id_hash.as_slice());
    context[1 + HASH_LEN..].copy_from_slice(info_hash.as_slice());
    Ok(context)
}

/// What the key schedule derives (RFC 9180 §5.1), every part wiped when dropped.
struct KeySchedule {
    /// The AEAD key: Nk bytes.
    key: Zeroizing<Vec<u8>>,
    base_nonce: Zeroizing<[u8; NONCE_LEN]>,
    exporter_secret: Zeroizing<[u8; HASH_LEN]>,
}

/// `KeySchedule<ROLE>(mode, shared_secret, info, psk, psk_id)` (RFC 9180 §5.1) up to the context's parts.
fn key_schedule(
    aead: Aead,
    mode: Mode,
    shared_secret: &[u8; HASH_LEN],
    info: &[u8],
    psk: &[u8],
    psk_id: &[u8],
) -> Result<KeySchedule, FerriteStatus> {
    verify_psk_inputs(mode, psk, psk_id)?;
    let suite_id = suite_id(aead);
    let context = key_schedule_context(&suite_id, mode, info, psk_id)?;
    let secret = labeled_extract(&suite_id, shared_secret, b"secret", psk)?;
    let mut key = Zeroizing::new(vec![0u8; aead.key_len()]);
    labeled_expand(&suite_id, secret.as_slice(), b"key", &context, &mut key)?;
    let mut base_nonce = Zeroizing::new([0u8; NONCE_LEN]);
    labeled_expand(
        &suite_id,
        secret.as_slice(),
        b"base_nonce",
        &context,
        base_nonce.as_mut_slice(),
    )?;
    let mut exporter_secret = Zeroizing::new([0u8; HASH_LEN]);
    labeled_expand(
        &suite_id,
        secret.as_slice(),
        b"exp",
        &context,
        exporter_secret.as_mut_slice(),
    )?;
    Ok(KeySchedule {
        key,
        base_nonce,
        exporter_secret,
    })
}

/// A fresh ephemeral private key from AWS-LC's random generator.
fn random_private_key() -> Result<Zeroizing<[u8; ENC_LEN]>, FerriteStatus> {
    let mut key = Zeroizing::new([0u8; ENC_LEN]);
    // SAFETY: AWS-LC writes `key.len()` (32) bytes at `key`, a 32-byte array.
    let ok = unsafe { aws_lc_sys::RAND_bytes(key.as_mut_ptr(), key.len()) };
    if ok != 1 {
        return Err(FerriteStatus::Internal);
    }
    Ok(key)
}

/// An HPKE context (RFC 9180 §5.2): the AEAD key, base nonce and exporter secret of one key schedule, the sequence
/// number, and the role: a sender's context only seals, a receiver's only opens; both export. Its secrets are wiped
/// when it is dropped (AWS-LC cleanses the AEAD key it frees). Sealing and opening change the sequence number: one
/// thread at a time; exporting reads only, and may run on several threads at once while nothing seals or opens.
pub struct HpkeContext {
    key: LessSafeKey,
    base_nonce: Zeroizing<[u8; NONCE_LEN]>,
    exporter_secret: Zeroizing<[u8; HASH_LEN]>,
    suite_id: [u8; 10],
    seq: u64,
    role: Role,
}

impl HpkeContext {
    fn new(aead: Aead, role: Role, schedule: KeySchedule) -> Result<Self, FerriteStatus> {
        let unbound = UnboundKey::new(aead.algorithm(), &schedule.key)
            .map_err(|_| FerriteStatus::Internal)?;
        Ok(Self {
            key: LessSafeKey::new(unbound),
            base_nonce: schedule.base_nonce,
            exporter_secret: schedule.exporter_secret,
            suite_id: suite_id(aead),
            seq: 0,
            role,
        })
    }

    /// `SetupBaseS`, `SetupPSKS`, `SetupAuthS` or `SetupAuthPSKS` (RFC 9180 §5.1), as `mode` says: encapsulates a
    /// key to `recipient_public_key` and returns `enc` and the sender's context. `psk` and `psk_id` are given in
    /// the PSK modes and empty otherwise; `sender_private_key` is given in the auth modes and `None` otherwise.
    /// `ephemeral_private_key` is normally `None` (a fresh key from AWS-LC's generator); a fixed one is for known
    /// answers only (reusing one breaks HPKE's security).
    ///
    /// # Errors
    /// [`FerriteStatus::InvalidArgument`] when the inputs don't fit the mode or a DH with `recipient_public_key` is
    /// all zeros (a low-order key).
    #[allow(clippy::too_many_arguments)]
    pub fn setup_sender(
        aead: Aead,
        mode: Mode,
        recipient_public_key: &[u8; ENC_LEN],
        info: &[u8],
        psk: &[u8],
        psk_id: &[u8],
        sender_private_key: Option<&[u8; ENC_LEN]>,
        ephemeral_private_key: Option<&[u8; ENC_LEN]>,
    ) -> Result<([u8; ENC_LEN], Self), FerriteStatus> {
        verify_psk_inputs(mode, psk, psk_id)?;
        if sender_private_key.is_some() != mode.has_auth() {
            return Err(FerriteStatus::InvalidArgument);
        }
        let ephemeral = match ephemeral_private_key {
            Some(key) => Zeroizing::new(*key),
            None => random_private_key()?,
        };
        let (shared_secret, enc) = encap(recipient_public_key, &ephemeral, sender_private_key)?;
        let schedule = key_schedule(aead, mode, &shared_secret, info, psk, psk_id)?;
        Ok((enc, Self::new(aead, Role::Sender, schedule)?))
    }

    /// `SetupBaseR`, `SetupPSKR`, `SetupAuthR` or `SetupAuthPSKR` (RFC 9180 §5.1), as `mode` says: decapsulates
    /// `enc` with `recipient_private_key` and returns the receiver's context. `psk` and `psk_id` as for
    /// [`HpkeContext::setup_sender`]; `sender_public_key` is given in the auth modes and `None` otherwise.
    ///
    /// # Errors
    /// [`FerriteStatus::InvalidArgument`] when the inputs don't fit the mode or the DH with `sender_public_key` is
    /// all zeros; [`FerriteStatus::AuthenticationFailed`] when the DH with `enc` is all zeros.
    #[allow(clippy::too_many_arguments)]
    pub fn setup_receiver(
        aead: Aead,
        mode: Mode,
        enc: &[u8; ENC_LEN],
        recipient_private_key: &[u8; ENC_LEN],
        info: &[u8],
        psk: &[u8],
        psk_id: &[u8],
        sender_public_key: Option<&[u8; ENC_LEN]>,
    ) -> Result<Self, FerriteStatus> {
        verify_psk_inputs(mode, psk, psk_id)?;
        if sender_public_key.is_some() != mode.has_auth() {
            return Err(FerriteStatus::InvalidArgument);
        }
        let shared_secret = decap(enc, recipient_private_key, sender_public_key)?;
        let schedule = key_schedule(aead, mode, &shared_secret, info, psk, psk_id)?;
        Self::new(aead, Role::Receiver, schedule)
    }

    /// The role the context was set up for.
    #[must_use]
    pub fn role(&self) -> Role {
        self.role
    }

    /// The sequence number: how many messages the context has sealed or opened.
    #[must_use]
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// `ComputeNonce(seq)` (RFC 9180 §5.2): `base_nonce XOR I2OSP(seq, 12)`.
    fn nonce(&self) -> Zeroizing<[u8; NONCE_LEN]> {
        let mut nonce = Zeroizing::new(*self.base_nonce);
        for (byte, seq_byte) in nonce[NONCE_LEN - 8..]
            .iter_mut()
            .zip(self.seq.to_be_bytes())
        {
            *byte ^= seq_byte;
        }
        nonce
    }

    /// `Context<S>.Seal(aad, pt)` (RFC 9180 §5.2): encrypts `plaintext` into `out` (`plaintext.len() + 16` bytes:
    /// `ciphertext || tag`) and moves to the next sequence number.
    ///
    /// # Errors
    /// [`FerriteStatus::InvalidArgument`] for a receiver's context, an exhausted sequence number or `out` of the
    /// wrong length (nothing written, the sequence number unchanged).
    pub fn seal(
        &mut self,
        aad: &[u8],
        plaintext: &[u8],
        out: &mut [u8],
    ) -> Result<(), FerriteStatus> {
        if self.role != Role::Sender || self.seq == u64::MAX {
            return Err(FerriteStatus::InvalidArgument);
        }
        let needed = plaintext
            .len()
            .checked_add(AEAD_TAG_LEN)
            .ok_or(FerriteStatus::InvalidArgument)?;
        if out.len() != needed {
            return Err(FerriteStatus::InvalidArgument);
        }
        let (ciphertext, tag) = out.split_at_mut(plaintext.len());
        let nonce = self.nonce();
        self.key
            .seal_out_of_place_scatter(
                Nonce::assume_unique_for_key(*nonce),
                Aad::from(aad),
                plaintext,
                ciphertext,
                &[],
                tag,
            )
            .map_err(|_| FerriteStatus::InvalidArgument)?;
        self.seq += 1;
        Ok(())
    }

    /// `Context<R>.Open(aad, ct)` (RFC 9180 §5.2): checks and decrypts `input` (`ciphertext || tag`, at least 16
    /// bytes) into `out` (`input.len() - 16` bytes) and moves to the next sequence number.
    ///
    /// # Errors
    /// [`FerriteStatus::InvalidArgument`] for a sender's context, an exhausted sequence number or lengths that
    /// don't fit (nothing written); [`FerriteStatus::AuthenticationFailed`] when the tag does not match (`out`
    /// overwritten with zeros). The sequence number is unchanged on every error.
    pub fn open(&mut self, aad: &[u8], input: &[u8], out: &mut [u8]) -> Result<(), FerriteStatus> {
        if self.role != Role::Receiver || self.seq == u64::MAX {
            return Err(FerriteStatus::InvalidArgument);
        }
        let data_len = input
            .len()
            .checked_sub(AEAD_TAG_LEN)
            .ok_or(FerriteStatus::InvalidArgument)?;
        if out.len() != data_len {
            return Err(FerriteStatus::InvalidArgument);
        }
        let (ciphertext, tag) = input.split_at(data_len);
        let nonce = self.nonce();
        let result = self.key.open_separate_gather(
            Nonce::assume_unique_for_key(*nonce),
            Aad::from(aad),
            ciphertext,
            tag,
            out,
        );
        if result.is_err() {
            out.fill(0);
            return Err(FerriteStatus::AuthenticationFailed);
        }
        self.seq += 1;
        Ok(())
    }

    /// `Context.Export(exporter_context, L)` (RFC 9180 §5.3) into `out` (`L` = `out.len()`, 1 to
    /// [`MAX_EXPORT_LEN`]). Either role; the sequence number plays no part.
    ///
    /// # Errors
    /// [`FerriteStatus::InvalidArgument`] when `out.len()` is out of range.
    pub fn export(&self, exporter_context: &[u8], out: &mut [u8]) -> Result<(), FerriteStatus> {
        if out.is_empty() || out.len() > MAX_EXPORT_LEN {
            return Err(FerriteStatus::InvalidArgument);
        }
        labeled_expand(
            &self.suite_id,
            self.exporter_secret.as_slice(),
            b"sec",
            exporter_context,
            out,
        )
    }

    /// Sets the sequence number, to test its limit.
    #[cfg(test)]
    pub(crate) fn set_seq(&mut self, seq: u64) {
        self.seq = seq;
    }
}

/// Single-shot `Seal<MODE>` (RFC 9180 §6.1): [`HpkeContext::setup_sender`] and one [`HpkeContext::seal`] of
/// `plaintext` into `out` (`plaintext.len() + 16` bytes); returns `enc`.
///
/// # Errors
/// As for [`HpkeContext::setup_sender`] and [`HpkeContext::seal`].
#[allow(clippy::too_many_arguments)]
pub fn seal(
    aead: Aead,
    mode: Mode,
    recipient_public_key: &[u8; ENC_LEN],
    info: &[u8],
    psk: &[u8],
    psk_id: &[u8],
    sender_private_key: Option<&[u8; ENC_LEN]>,
    ephemeral_private_key: Option<&[u8; ENC_LEN]>,
    aad: &[u8],
    plaintext: &[u8],
    out: &mut [u8],
) -> Result<[u8; ENC_LEN], FerriteStatus> {
    let (enc, mut context) = HpkeContext::setup_sender(
        aead,
        mode,
        recipient_public_key,
        info,
        psk,
        psk_id,
        sender_private_key,
        ephemeral_private_key,
    )?;
    context.seal(aad, plaintext, out)?;
    Ok(enc)
}

/// Single-shot `Open<MODE>` (RFC 9180 §6.1): [`HpkeContext::setup_receiver`] and one [`HpkeContext::open`] of
/// `input` into `out` (`input.len() - 16` bytes). On any error `out` is overwritten with zeros.
///
/// # Errors
/// As for [`HpkeContext::setup_receiver`] and [`HpkeContext::open`].
#[allow(clippy::too_many_arguments)]
pub fn open(
    aead: Aead,
    mode: Mode,
    enc: &[u8; ENC_LEN],
    recipient_private_key: &[u8; ENC_LEN],
    info: &[u8],
    psk: &[u8],
    psk_id: &[u8],
    sender_public_key: Option<&[u8; ENC_LEN]>,
    aad: &[u8],
    input: &[u8],
    out: &mut [u8],
) -> Result<(), FerriteStatus> {
    let result = HpkeContext::setup_receiver(
        aead,
        mode,
        enc,
        recipient_private_key,
        info,
        psk,
        psk_id,
        sender_public_key,
    )
    .and_then(|mut context| context.open(aad, input, out));
    if result.is_err() {
        out.fill(0);
    }
    result
}

/// `DeriveKeyPair(ikm)` (RFC 9180 §7.1.3) for X25519: `sk = LabeledExpand(LabeledExtract("", "dkp_prk", ikm),
/// "sk", "", 32)` and its public key. `ikm` may have any length (the RFC asks for at least 32 bytes of entropy).
///
/// # Errors
/// [`FerriteStatus::Internal`] only if AWS-LC's HKDF fails.
pub fn derive_key_pair(
    ikm: &[u8],
) -> Result<(Zeroizing<[u8; ENC_LEN]>, [u8; ENC_LEN]), FerriteStatus> {
    let dkp_prk = labeled_extract(&KEM_SUITE_ID, &[], b"dkp_prk", ikm)?;
    let mut private_key = Zeroizing::new([0u8; ENC_LEN]);
    labeled_expand(
        &KEM_SUITE_ID,
        dkp_prk.as_slice(),
        b"sk",
        &[],
        private_key.as_mut_slice(),
    )?;
    let public_key = x25519::public_key(&private_key);
    Ok((private_key, public_key))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// RFC 9180 appendix A.1 to A.4 (DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM and AES-256-GCM, four
    /// modes each): `java-api/src/test/resources/vectors/hpke/README.md`.
    const VECTORS: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../java-api/src/test/resources/vectors/hpke/rfc9180-x25519-sha256-aesgcm.json"
    ));

    fn hex(text: &str) -> Vec<u8> {
        assert!(text.len().is_multiple_of(2), "odd hex length: {text}");
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    }

    fn hex32(text: &str) -> [u8; ENC_LEN] {
        hex(text).try_into().unwrap()
    }

    /// Field `name` of `entry` as bytes; empty when absent (`psk`, `psk_id` and `ikmS` outside their modes).
    fn field(entry: &Value, name: &str) -> Vec<u8> {
        entry[name].as_str().map(hex).unwrap_or_default()
    }

    fn field32(entry: &Value, name: &str) -> [u8; ENC_LEN] {
        field(entry, name).try_into().unwrap()
    }

    fn vectors() -> Vec<Value> {
        let vectors: Vec<Value> = serde_json::from_str(VECTORS).unwrap();
        assert_eq!(vectors.len(), 8);
        vectors
    }

    /// A sender and a receiver context of `entry`, the sender with the vector's ephemeral key; and `enc`.
    fn contexts(entry: &Value) -> ([u8; ENC_LEN], HpkeContext, HpkeContext) {
        let aead =
            Aead::from_id(u32::try_from(entry["aead_id"].as_u64().unwrap()).unwrap()).unwrap();
        let mode = Mode::from_id(u32::try_from(entry["mode"].as_u64().unwrap()).unwrap()).unwrap();
        let (sk_s, pk_s) = (field(entry, "skSm"), field(entry, "pkSm"));
        let (enc, sender) = HpkeContext::setup_sender(
            aead,
            mode,
            &field32(entry, "pkRm"),
            &field(entry, "info"),
            &field(entry, "psk"),
            &field(entry, "psk_id"),
            sk_s.as_slice().try_into().ok(),
            Some(&field32(entry, "skEm")),
        )
        .unwrap();
        let receiver = HpkeContext::setup_receiver(
            aead,
            mode,
            &enc,
            &field32(entry, "skRm"),
            &field(entry, "info"),
            &field(entry, "psk"),
            &field(entry, "psk_id"),
            pk_s.as_slice().try_into().ok(),
        )
        .unwrap();
        (enc, sender, receiver)
    }

    #[test]
    fn rfc9180_vectors() {
        for entry in vectors() {
            let label = format!("mode {} aead {}", entry["mode"], entry["aead_id"]);
            assert_eq!(entry["kem_id"].as_u64(), Some(0x20), "{label}");
            assert_eq!(entry["kdf_id"].as_u64(), Some(1), "{label}");
            let aead =
                Aead::from_id(u32::try_from(entry["aead_id"].as_u64().unwrap()).unwrap()).unwrap();
            let mode =
                Mode::from_id(u32::try_from(entry["mode"].as_u64().unwrap()).unwrap()).unwrap();

            // DeriveKeyPair of every key pair.
            for (ikm, sk, pk) in [
                ("ikmE", "skEm", "pkEm"),
                ("ikmR", "skRm", "pkRm"),
                ("ikmS", "skSm", "pkSm"),
            ] {
                if entry.get(ikm).is_none() {
                    assert!(!mode.has_auth(), "{label}: no {ikm}");
                    continue;
                }
                let (private_key, public_key) = derive_key_pair(&field(&entry, ikm)).unwrap();
                assert_eq!(private_key.to_vec(), field(&entry, sk), "{label}: {sk}");
                assert_eq!(public_key.to_vec(), field(&entry, pk), "{label}: {pk}");
            }

            // The KEM on both sides, and the key schedule's intermediate values.
            let sk_s = field(&entry, "skSm");
            let pk_s = field(&entry, "pkSm");
            let (shared_secret, enc) = encap(
                &field32(&entry, "pkRm"),
                &field32(&entry, "skEm"),
                sk_s.as_slice().try_into().ok(),
            )
            .unwrap();
            assert_eq!(enc.to_vec(), field(&entry, "enc"), "{label}: enc");
            assert_eq!(
                shared_secret.to_vec(),
                field(&entry, "shared_secret"),
                "{label}: shared_secret"
            );
            let decapsulated = decap(
                &enc,
                &field32(&entry, "skRm"),
                pk_s.as_slice().try_into().ok(),
            )
            .unwrap();
            assert_eq!(*decapsulated, *shared_secret, "{label}: decap");
            let suite = suite_id(aead);
            assert_eq!(
                key_schedule_context(
                    &suite,
                    mode,
                    &field(&entry, "info"),
                    &field(&entry, "psk_id")
                )
                .unwrap()
                .to_vec(),
                field(&entry, "key_schedule_context"),
                "{label}: key_schedule_context"
            );
            assert_eq!(
                labeled_extract(
                    &suite,
                    shared_secret.as_slice(),
                    b"secret",
                    &field(&entry, "psk")
                )
                .unwrap()
                .to_vec(),
                field(&entry, "secret"),
                "{label}: secret"
            );
            let schedule = key_schedule(
                aead,
                mode,
                &shared_secret,
                &field(&entry, "info"),
                &field(&entry, "psk"),
                &field(&entry, "psk_id"),
            )
            .unwrap();
            assert_eq!(*schedule.key, field(&entry, "key"), "{label}: key");
            assert_eq!(
                schedule.base_nonce.to_vec(),
                field(&entry, "base_nonce"),
                "{label}: base_nonce"
            );
            assert_eq!(
                schedule.exporter_secret.to_vec(),
                field(&entry, "exporter_secret"),
                "{label}: exporter_secret"
            );

            // Through the contexts: every encryption in order, on both sides.
            let (enc, mut sender, mut receiver) = contexts(&entry);
            assert_eq!(enc.to_vec(), field(&entry, "enc"), "{label}: enc");
            assert_eq!(
                sender.base_nonce.to_vec(),
                field(&entry, "base_nonce"),
                "{label}"
            );
            assert_eq!(
                receiver.exporter_secret.to_vec(),
                field(&entry, "exporter_secret"),
                "{label}"
            );
            let encryptions = entry["encryptions"].as_array().unwrap();
            assert_eq!(encryptions.len(), 257, "{label}");
            for (seq, encryption) in encryptions.iter().enumerate() {
                let (aad, pt, ct) = (
                    field(encryption, "aad"),
                    field(encryption, "pt"),
                    field(encryption, "ct"),
                );
                assert_eq!(
                    sender.nonce().to_vec(),
                    field(encryption, "nonce"),
                    "{label}: nonce {seq}"
                );
                let mut sealed = vec![0u8; pt.len() + AEAD_TAG_LEN];
                sender.seal(&aad, &pt, &mut sealed).unwrap();
                assert_eq!(sealed, ct, "{label}: encryption {seq}");
                let mut opened = vec![0u8; pt.len()];
                receiver.open(&aad, &ct, &mut opened).unwrap();
                assert_eq!(opened, pt, "{label}: decryption {seq}");
            }
            assert_eq!((sender.seq(), receiver.seq()), (257, 257), "{label}");

            // Exports, equal on both sides.
            for export in entry["exports"].as_array().unwrap() {
                let length = usize::try_from(export["L"].as_u64().unwrap()).unwrap();
                let exporter_context = field(export, "exporter_context");
                let mut from_sender = vec![0u8; length];
                let mut from_receiver = vec![0u8; length];
                sender.export(&exporter_context, &mut from_sender).unwrap();
                receiver
                    .export(&exporter_context, &mut from_receiver)
                    .unwrap();
                assert_eq!(
                    from_sender,
                    field(export, "exported_value"),
                    "{label}: export"
                );
                assert_eq!(from_receiver, from_sender, "{label}: export");
            }
        }
    }

    /// RFC 9180 appendix A.2.1: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305, base mode; the key
    /// schedule and the first two encryptions.
    #[test]
    fn rfc9180_chacha20_poly1305_base() {
        let info = hex("4f6465206f6e2061204772656369616e2055726e");
        let sk_r = hex32("8057991eef8f1f1af18f4a9491d16a1ce333f695d4db8e38da75975c4478e0fb");
        let sk_e = hex32("f4ec9b33b792c372c1d2c2063507b684ef925b8c75a42dbcbf57d63ccd381600");
        let pk_r = hex32("4310ee97d88cc1f088a5576c77ab0cf5c3ac797f3d95139c6c84b5429c59662a");
        assert_eq!(x25519::public_key(&sk_r), pk_r);
        let (shared_secret, enc) = encap(&pk_r, &sk_e, None).unwrap();
        assert_eq!(
            enc,
            hex32("1afa08d3dec047a643885163f1180476fa7ddb54c6a8029ea33f95796bf2ac4a")
        );
        assert_eq!(
            *shared_secret,
            hex32("0bbe78490412b4bbea4812666f7916932b828bba79942424abb65244930d69a7")
        );
        let schedule = key_schedule(
            Aead::ChaCha20Poly1305,
            Mode::Base,
            &shared_secret,
            &info,
            &[],
            &[],
        )
        .unwrap();
        assert_eq!(
            *schedule.key,
            hex("ad2744de8e17f4ebba575b3f5f5a8fa1f69c2a07f6e7500bc60ca6e3e3ec1c91")
        );
        assert_eq!(
            schedule.base_nonce.to_vec(),
            hex("5c4d98150661b848853b547f")
        );
        let (_, mut sender) = HpkeContext::setup_sender(
            Aead::ChaCha20Poly1305,
            Mode::Base,
            &pk_r,
            &info,
            &[],
            &[],
            None,
            Some(&sk_e),
        )
        .unwrap();
        let mut receiver = HpkeContext::setup_receiver(
            Aead::ChaCha20Poly1305,
            Mode::Base,
            &enc,
            &sk_r,
            &info,
            &[],
            &[],
            None,
        )
        .unwrap();
        let pt = hex("4265617574792069732074727574682c20747275746820626561757479");
        for (aad, ct) in [
            (
                "436f756e742d30",
                "1c5250d8034ec2b784ba2cfd69dbdb8af406cfe3ff938e131f0def8c8b60b4db21993c62ce81883d2dd1b51a28",
            ),
            (
                "436f756e742d31",
                "6b53c051e4199c518de79594e1c4ab18b96f081549d45ce015be002090bb119e85285337cc95ba5f59992dc98c",
            ),
        ] {
            let mut sealed = vec![0u8; pt.len() + AEAD_TAG_LEN];
            sender.seal(&hex(aad), &pt, &mut sealed).unwrap();
            assert_eq!(sealed, hex(ct));
            let mut opened = vec![0u8; pt.len()];
            receiver.open(&hex(aad), &sealed, &mut opened).unwrap();
            assert_eq!(opened, pt);
        }
    }

    /// A key pair from `derive_key_pair` of a fixed seed.
    fn key_pair(seed: u8) -> (Zeroizing<[u8; ENC_LEN]>, [u8; ENC_LEN]) {
        derive_key_pair(&[seed; 32]).unwrap()
    }

    const PSK: &[u8] = b"0123456789abcdef0123456789abcdef";
    const PSK_ID: &[u8] = b"psk id";

    /// The PSK inputs of `mode`: [`PSK`] and [`PSK_ID`] in the PSK modes, empty otherwise.
    fn psk_inputs(mode: Mode) -> (&'static [u8], &'static [u8]) {
        if mode.has_psk() {
            (PSK, PSK_ID)
        } else {
            (&[], &[])
        }
    }

    /// A receiver's context for `enc` with key pair 1, the PSK inputs of `mode` and, in the auth modes,
    /// `sender_public_key`.
    fn receiver_for(
        aead: Aead,
        mode: Mode,
        enc: &[u8; ENC_LEN],
        info: &[u8],
        sender_public_key: &[u8; ENC_LEN],
    ) -> Result<HpkeContext, FerriteStatus> {
        let (sk_r, _) = key_pair(1);
        let (psk, psk_id) = psk_inputs(mode);
        let sender_public_key = mode.has_auth().then_some(sender_public_key);
        HpkeContext::setup_receiver(aead, mode, enc, &sk_r, info, psk, psk_id, sender_public_key)
    }

    /// A sender (key pair 2 in the auth modes) to key pair 1 in `mode` under `aead`, with a fresh ephemeral key,
    /// and its receiver.
    fn pair(aead: Aead, mode: Mode, info: &[u8]) -> ([u8; ENC_LEN], HpkeContext, HpkeContext) {
        let (_, pk_r) = key_pair(1);
        let (sk_s, pk_s) = key_pair(2);
        let (psk, psk_id) = psk_inputs(mode);
        let sender_private_key = mode.has_auth().then_some(&*sk_s);
        let (enc, sender) = HpkeContext::setup_sender(
            aead,
            mode,
            &pk_r,
            info,
            psk,
            psk_id,
            sender_private_key,
            None,
        )
        .unwrap();
        let receiver = receiver_for(aead, mode, &enc, info, &pk_s).unwrap();
        (enc, sender, receiver)
    }

    const MODES: [Mode; 4] = [Mode::Base, Mode::Psk, Mode::Auth, Mode::AuthPsk];
    const AEADS: [Aead; 3] = [Aead::Aes128Gcm, Aead::Aes256Gcm, Aead::ChaCha20Poly1305];

    #[test]
    fn round_trip_in_every_mode_and_aead_with_fresh_ephemeral_keys() {
        for aead in AEADS {
            for mode in MODES {
                let (enc, mut sender, mut receiver) = pair(aead, mode, b"info");
                let (enc2, _, _) = pair(aead, mode, b"info");
                assert_ne!(
                    enc, enc2,
                    "{aead:?} {mode:?}: a fresh ephemeral key each time"
                );
                for message in [&b""[..], b"x", &[0x5a; 1000]] {
                    let mut sealed = vec![0u8; message.len() + AEAD_TAG_LEN];
                    sender.seal(b"aad", message, &mut sealed).unwrap();
                    let mut opened = vec![0xffu8; message.len()];
                    receiver.open(b"aad", &sealed, &mut opened).unwrap();
                    assert_eq!(opened, message, "{aead:?} {mode:?}");
                }
                let mut from_sender = [0u8; 77];
                let mut from_receiver = [0u8; 77];
                sender.export(b"context", &mut from_sender).unwrap();
                receiver.export(b"context", &mut from_receiver).unwrap();
                assert_eq!(from_sender, from_receiver, "{aead:?} {mode:?}");
                let mut other = [0u8; 77];
                receiver.export(b"other", &mut other).unwrap();
                assert_ne!(other, from_receiver, "{aead:?} {mode:?}");
            }
        }
    }

    #[test]
    fn tampering_fails_and_leaves_seq_unchanged() {
        for mode in MODES {
            let (enc, mut sender, mut receiver) = pair(Aead::Aes128Gcm, mode, b"info");
            let mut first = vec![0u8; 5 + AEAD_TAG_LEN];
            sender.seal(b"aad", b"hello", &mut first).unwrap();
            let mut second = vec![0u8; 5 + AEAD_TAG_LEN];
            sender.seal(b"aad", b"world", &mut second).unwrap();
            let mut out = [0xaau8; 5];
            for index in [0, 4, 5, 20] {
                let mut bad = first.clone();
                bad[index] ^= 0x01;
                assert_eq!(
                    receiver.open(b"aad", &bad, &mut out),
                    Err(FerriteStatus::AuthenticationFailed),
                    "{mode:?}: byte {index}"
                );
                assert_eq!(out, [0u8; 5], "{mode:?}: output wiped");
                assert_eq!(receiver.seq(), 0, "{mode:?}");
            }
            assert_eq!(
                receiver.open(b"aaD", &first, &mut out),
                Err(FerriteStatus::AuthenticationFailed)
            );
            // Out of order: the second message under the first sequence number.
            assert_eq!(
                receiver.open(b"aad", &second, &mut out),
                Err(FerriteStatus::AuthenticationFailed)
            );
            assert_eq!(receiver.seq(), 0);
            receiver.open(b"aad", &first, &mut out).unwrap();
            assert_eq!(&out, b"hello");
            receiver.open(b"aad", &second, &mut out).unwrap();
            assert_eq!(&out, b"world");
            assert_eq!(receiver.seq(), 2);

            // Another info, enc or sender's key gives another key: the first message fails.
            let (_, pk_s) = key_pair(2);
            let (_, pk_other) = key_pair(3);
            let mut bad_enc = enc;
            bad_enc[0] ^= 0x01;
            let mut others = vec![
                receiver_for(Aead::Aes128Gcm, mode, &enc, b"infO", &pk_s).unwrap(),
                receiver_for(Aead::Aes128Gcm, mode, &bad_enc, b"info", &pk_s).unwrap(),
            ];
            if mode.has_auth() {
                others.push(receiver_for(Aead::Aes128Gcm, mode, &enc, b"info", &pk_other).unwrap());
            }
            for other in &mut others {
                assert_eq!(
                    other.open(b"aad", &first, &mut out),
                    Err(FerriteStatus::AuthenticationFailed),
                    "{mode:?}"
                );
            }
            // A low-order enc (u = 0) fails as a bad ciphertext does.
            assert!(matches!(
                receiver_for(Aead::Aes128Gcm, mode, &[0u8; ENC_LEN], b"info", &pk_s),
                Err(FerriteStatus::AuthenticationFailed)
            ));
        }
    }

    #[test]
    fn each_role_does_only_its_part() {
        let (_, mut sender, mut receiver) = pair(Aead::Aes256Gcm, Mode::Base, b"");
        assert_eq!(sender.role(), Role::Sender);
        assert_eq!(receiver.role(), Role::Receiver);
        let mut sealed = [0u8; 3 + AEAD_TAG_LEN];
        let mut opened = [0u8; 3];
        assert_eq!(
            receiver.seal(b"", b"abc", &mut sealed),
            Err(FerriteStatus::InvalidArgument)
        );
        sender.seal(b"", b"abc", &mut sealed).unwrap();
        assert_eq!(
            sender.open(b"", &sealed, &mut opened),
            Err(FerriteStatus::InvalidArgument)
        );
        assert_eq!(sender.seq(), 1);
        receiver.open(b"", &sealed, &mut opened).unwrap();
        assert_eq!(&opened, b"abc");
    }

    #[test]
    fn lengths_are_checked() {
        let (_, mut sender, mut receiver) = pair(Aead::Aes128Gcm, Mode::Base, b"");
        assert_eq!(
            sender.seal(b"", b"abc", &mut [0u8; 3 + AEAD_TAG_LEN - 1]),
            Err(FerriteStatus::InvalidArgument)
        );
        assert_eq!(
            sender.seal(b"", b"abc", &mut [0u8; 3 + AEAD_TAG_LEN + 1]),
            Err(FerriteStatus::InvalidArgument)
        );
        assert_eq!(sender.seq(), 0);
        assert_eq!(
            receiver.open(b"", &[0u8; AEAD_TAG_LEN - 1], &mut []),
            Err(FerriteStatus::InvalidArgument)
        );
        assert_eq!(
            receiver.open(b"", &[0u8; AEAD_TAG_LEN + 2], &mut [0u8; 1]),
            Err(FerriteStatus::InvalidArgument)
        );
        assert_eq!(
            receiver.open(b"", &[0u8; AEAD_TAG_LEN], &mut []),
            Err(FerriteStatus::AuthenticationFailed)
        );
        assert_eq!(receiver.seq(), 0);
        for length in [1, 32, MAX_EXPORT_LEN] {
            let mut out = vec![0u8; length];
            sender.export(b"", &mut out).unwrap();
        }
        for length in [0, MAX_EXPORT_LEN + 1] {
            let mut out = vec![0u8; length];
            assert_eq!(
                sender.export(b"", &mut out),
                Err(FerriteStatus::InvalidArgument)
            );
        }
        assert_eq!(Aead::from_id(0), Err(FerriteStatus::InvalidArgument));
        assert_eq!(Aead::from_id(0xffff), Err(FerriteStatus::InvalidArgument));
        assert_eq!(Mode::from_id(4), Err(FerriteStatus::InvalidArgument));
    }

    #[test]
    fn psk_inputs_follow_the_mode() {
        let (_, pk_r) = key_pair(1);
        let (sk_s, _) = key_pair(2);
        let cases: [(Mode, &[u8], &[u8], bool); 12] = [
            (Mode::Base, b"", b"", true),
            (Mode::Base, PSK, PSK_ID, false),
            (Mode::Base, PSK, b"", false),
            (Mode::Base, b"", PSK_ID, false),
            (Mode::Psk, PSK, PSK_ID, true),
            (Mode::Psk, b"", b"", false),
            (Mode::Psk, PSK, b"", false),
            (Mode::Psk, b"", PSK_ID, false),
            (Mode::Auth, b"", b"", true),
            (Mode::Auth, PSK, PSK_ID, false),
            (Mode::AuthPsk, PSK, PSK_ID, true),
            (Mode::AuthPsk, b"", b"", false),
        ];
        for (mode, psk, psk_id, accepted) in cases {
            let sender_key = mode.has_auth().then_some(&*sk_s);
            let result = HpkeContext::setup_sender(
                Aead::Aes128Gcm,
                mode,
                &pk_r,
                b"",
                psk,
                psk_id,
                sender_key,
                None,
            );
            assert_eq!(
                result.is_ok(),
                accepted,
                "{mode:?} psk {} psk_id {}",
                psk.len(),
                psk_id.len()
            );
            if !accepted {
                assert!(matches!(result, Err(FerriteStatus::InvalidArgument)));
            }
        }
        // A short PSK is the Java layer's business, not this one's.
        assert!(
            HpkeContext::setup_sender(
                Aead::Aes128Gcm,
                Mode::Psk,
                &pk_r,
                b"",
                b"k",
                b"i",
                None,
                None
            )
            .is_ok()
        );
        // The sender's key belongs to the auth modes only.
        assert!(matches!(
            HpkeContext::setup_sender(
                Aead::Aes128Gcm,
                Mode::Auth,
                &pk_r,
                b"",
                b"",
                b"",
                None,
                None
            ),
            Err(FerriteStatus::InvalidArgument)
        ));
        assert!(matches!(
            HpkeContext::setup_sender(
                Aead::Aes128Gcm,
                Mode::Base,
                &pk_r,
                b"",
                b"",
                b"",
                Some(&*sk_s),
                None
            ),
            Err(FerriteStatus::InvalidArgument)
        ));
        let (sk_r, _) = key_pair(1);
        assert!(matches!(
            HpkeContext::setup_receiver(
                Aead::Aes128Gcm,
                Mode::Base,
                &pk_r,
                &sk_r,
                b"",
                b"",
                b"",
                Some(&pk_r)
            ),
            Err(FerriteStatus::InvalidArgument)
        ));
        assert!(matches!(
            HpkeContext::setup_receiver(
                Aead::Aes128Gcm,
                Mode::Psk,
                &pk_r,
                &sk_r,
                b"",
                PSK,
                b"",
                None
            ),
            Err(FerriteStatus::InvalidArgument)
        ));
    }

    #[test]
    fn low_order_keys_are_refused() {
        let (sk_r, pk_r) = key_pair(1);
        let (sk_s, _) = key_pair(2);
        let zero = [0u8; ENC_LEN];
        // The recipient's key, in the sender: u = 0 and u = 1 (both of low order).
        let mut one = [0u8; ENC_LEN];
        one[0] = 1;
        for low in [zero, one] {
            for mode in [Mode::Base, Mode::Auth] {
                let sender_key = mode.has_auth().then_some(&*sk_s);
                assert!(matches!(
                    HpkeContext::setup_sender(
                        Aead::Aes128Gcm,
                        mode,
                        &low,
                        b"",
                        b"",
                        b"",
                        sender_key,
                        None
                    ),
                    Err(FerriteStatus::InvalidArgument)
                ));
            }
        }
        // The sender's key, in the receiver: an argument error even with an equally bad enc.
        let (enc, _) = HpkeContext::setup_sender(
            Aead::Aes128Gcm,
            Mode::Auth,
            &pk_r,
            b"",
            b"",
            b"",
            Some(&*sk_s),
            None,
        )
        .unwrap();
        for bad_enc in [enc, zero] {
            assert!(matches!(
                HpkeContext::setup_receiver(
                    Aead::Aes128Gcm,
                    Mode::Auth,
                    &bad_enc,
                    &sk_r,
                    b"",
                    b"",
                    b"",
                    Some(&zero)
                ),
                Err(FerriteStatus::InvalidArgument)
            ));
        }
    }

    #[test]
    fn seq_limit() {
        let (_, mut sender, mut receiver) = pair(Aead::ChaCha20Poly1305, Mode::Base, b"");
        sender.set_seq(u64::MAX - 1);
        receiver.set_seq(u64::MAX - 1);
        let mut sealed = [0u8; 2 + AEAD_TAG_LEN];
        sender.seal(b"", b"ok", &mut sealed).unwrap();
        assert_eq!(sender.seq(), u64::MAX);
        let mut opened = [0u8; 2];
        receiver.open(b"", &sealed, &mut opened).unwrap();
        assert_eq!(&opened, b"ok");
        assert_eq!(
            sender.seal(b"", b"no", &mut sealed),
            Err(FerriteStatus::InvalidArgument)
        );
        assert_eq!(
            receiver.open(b"", &sealed, &mut opened),
            Err(FerriteStatus::InvalidArgument)
        );
        assert_eq!((sender.seq(), receiver.seq()), (u64::MAX, u64::MAX));
        // The nonce of the last sequence number: the last 8 bytes of the base nonce flipped.
        let last = sender.nonce();
        assert_eq!(last[..4], sender.base_nonce[..4]);
        for (byte, base) in last.iter().zip(sender.base_nonce.iter()).skip(4) {
            assert_eq!(*byte, !base);
        }
        // Exporting still works.
        let mut secret = [0u8; 16];
        sender.export(b"", &mut secret).unwrap();
    }

    #[test]
    fn single_shot_equals_the_context_path() {
        let (sk_r, pk_r) = key_pair(1);
        let (sk_s, pk_s) = key_pair(2);
        let (sk_e, _) = key_pair(9);
        for aead in AEADS {
            for mode in MODES {
                let (psk, psk_id) = psk_inputs(mode);
                let sender_key = mode.has_auth().then_some(&*sk_s);
                let sender_public = mode.has_auth().then_some(&pk_s);
                let seal_with = |ephemeral, out: &mut [u8]| {
                    let (info, aad) = (b"info", b"aad");
                    seal(
                        aead, mode, &pk_r, info, psk, psk_id, sender_key, ephemeral, aad,
                        b"message", out,
                    )
                };
                let open_with = |enc, input: &[u8], out: &mut [u8]| {
                    let (info, aad) = (b"info", b"aad");
                    open(
                        aead,
                        mode,
                        enc,
                        &sk_r,
                        info,
                        psk,
                        psk_id,
                        sender_public,
                        aad,
                        input,
                        out,
                    )
                };
                let mut single = [0u8; 7 + AEAD_TAG_LEN];
                let enc = seal_with(Some(&sk_e), &mut single).unwrap();
                let (context_enc, mut sender) = HpkeContext::setup_sender(
                    aead,
                    mode,
                    &pk_r,
                    b"info",
                    psk,
                    psk_id,
                    sender_key,
                    Some(&sk_e),
                )
                .unwrap();
                let mut through_context = [0u8; 7 + AEAD_TAG_LEN];
                sender
                    .seal(b"aad", b"message", &mut through_context)
                    .unwrap();
                assert_eq!(
                    (enc, single),
                    (context_enc, through_context),
                    "{aead:?} {mode:?}"
                );
                let mut opened = [0u8; 7];
                open_with(&enc, &single, &mut opened).unwrap();
                assert_eq!(&opened, b"message");
                single[0] ^= 1;
                assert_eq!(
                    open_with(&enc, &single, &mut opened),
                    Err(FerriteStatus::AuthenticationFailed)
                );
                assert_eq!(opened, [0u8; 7]);
                // A fresh ephemeral key: opens too.
                let enc = seal_with(None, &mut single).unwrap();
                open_with(&enc, &single, &mut opened).unwrap();
                assert_eq!(&opened, b"message");
            }
        }
        // A low-order enc in single-shot open: authentication fails and the output is wiped.
        let mut opened = [0x77u8; 7];
        assert_eq!(
            open(
                Aead::Aes128Gcm,
                Mode::Base,
                &[0u8; 32],
                &sk_r,
                b"",
                b"",
                b"",
                None,
                b"",
                &[0u8; 23],
                &mut opened
            ),
            Err(FerriteStatus::AuthenticationFailed)
        );
        assert_eq!(opened, [0u8; 7]);
    }

    #[test]
    fn derive_key_pair_takes_any_ikm() {
        let (sk_empty, pk_empty) = derive_key_pair(&[]).unwrap();
        assert_eq!(x25519::public_key(&sk_empty), pk_empty);
        let (sk_long, _) = derive_key_pair(&[7u8; 1000]).unwrap();
        assert_ne!(*sk_empty, *sk_long);
    }
}
