"""Trial registries of the WHO Registry Network (and ClinicalTrials.gov), with their id formats.

A registration names its registry by one of these values (WHO Trial Registration Data Set item 1,
"primary registry and trial identifying number"). ``REGISTRY_ID_PATTERNS`` holds the format of a
registry's trial ids where a public source shows it; a registry without an entry has no format
check, because none could be verified. The sources for each pattern:

- the registry's own records: ClinicalTrials.gov's API v2 studies carry CTRI
  (``CTRI/2019/11/021872``), jRCT (``jRCT2031230704``), EudraCT (``2015-001894-41``) and EU CT
  (``2023-503920-14-00``) numbers as secondary ids, and NCT07632599 names ChiCTR2600126854;
- WHO ICTRP's registry profile of ChiCTR (its older ``ChiCTR-TRC-xxxxxxxx`` form), and ITMCTR's
  announcement of 2022-06-02 (``ITMCTRxxxxxxxxxx``, ``ChiCTRxxxxxxxxxx``: ten digits each);
- the ``ctregistries`` package's registry table (maia-sh/ctregistries, ``registries.csv``: one
  regular expression per WHO primary registry, tested on 10,000 PubMed records), read for the
  shape of the id only, and public ids quoted in code and papers (``IRCT138707201323N1``,
  ``IRCT20111224008505N47``, ``jRCTs031180159``, ``ACTRN12611000121965``, ``TCTR20170511001``,
  ``PACTR202406532417953``, ``UMIN000012045``, ``DRKS00005115``, ``ISRCTN78805636``).
"""

from __future__ import annotations

from trialmodel.model.vocab.base import Vocab

__all__ = ["ID_FILE_REPLACEMENT", "ID_FILE_SEPARATOR", "REGISTRY_ID_PATTERNS", "TrialRegistry"]


class TrialRegistry(Vocab):
    """A trial registry: ClinicalTrials.gov, a primary registry of the WHO Registry Network (the
    Japan Primary Registries Network by its member registries), or the EU's CTIS. Spelled as the
    registry abbreviates itself, in upper case: CTGOV ClinicalTrials.gov; CHICTR Chinese Clinical
    Trial Registry; IRCT Iranian Registry of Clinical Trials; CTRI Clinical Trials Registry - India;
    JRCT Japan Registry of Clinical Trials; UMIN_CTR UMIN Clinical Trials Registry; JAPIC_CTI
    JapicCTI; JMACCT Japan Medical Association Center for Clinical Trials; ISRCTN the ISRCTN
    registry; EUCTR EU Clinical Trials Register (EudraCT numbers); CTIS EU Clinical Trials
    Information System (EU CT numbers), EUCTR's successor; ANZCTR Australian New Zealand Clinical
    Trials Registry; DRKS German Clinical Trials Register; CRIS Clinical Research Information
    Service, Republic of Korea (KCT numbers); TCTR Thai Clinical Trials Registry; PACTR Pan African
    Clinical Trials Registry; REBEC Brazilian Clinical Trials Registry; RPCEC Cuban Public Registry
    of Clinical Trials; REPEC Peruvian Clinical Trials Registry; SLCTR Sri Lanka Clinical Trials
    Registry; LBCTR Lebanese Clinical Trials Registry; NTR Netherlands Trial Register; ITMCTR
    International Traditional Medicine Clinical Trial Registry."""

    CTGOV = "CTGOV"
    CHICTR = "CHICTR"
    IRCT = "IRCT"
    CTRI = "CTRI"
    JRCT = "JRCT"
    UMIN_CTR = "UMIN_CTR"
    JAPIC_CTI = "JAPIC_CTI"
    JMACCT = "JMACCT"
    ISRCTN = "ISRCTN"
    EUCTR = "EUCTR"
    CTIS = "CTIS"
    ANZCTR = "ANZCTR"
    DRKS = "DRKS"
    CRIS = "CRIS"
    TCTR = "TCTR"
    PACTR = "PACTR"
    REBEC = "REBEC"
    RPCEC = "RPCEC"
    REPEC = "REPEC"
    SLCTR = "SLCTR"
    LBCTR = "LBCTR"
    NTR = "NTR"
    ITMCTR = "ITMCTR"


REGISTRY_ID_PATTERNS: dict[TrialRegistry, tuple[str, str]] = {
    TrialRegistry.CTGOV: (r"^NCT[0-9]{8}$", "NCT and 8 digits (NCT04544215)"),
    TrialRegistry.CHICTR: (
        r"^ChiCTR(?:[0-9]{10}|-[A-Z]{2,5}-[0-9]{8})$",
        "ChiCTR and 10 digits (ChiCTR2600126854), or in the older form ChiCTR-, a study-type "
        "code, - and 8 digits (ChiCTR-TRC-xxxxxxxx)",
    ),
    TrialRegistry.IRCT: (
        r"^IRCT[0-9]{12,14}N[0-9]{1,3}$",
        "IRCT, 12 to 14 digits, N and a serial number (IRCT20111224008505N47)",
    ),
    TrialRegistry.CTRI: (
        r"^CTRI/[0-9]{4}/[0-9]{2,3}/[0-9]{6}$",
        "CTRI/year/month/6 digits (CTRI/2019/11/021872)",
    ),
    TrialRegistry.JRCT: (
        r"^jRCT(?:[0-9]{10}|[a-z][0-9]{9})$",
        "jRCT and 10 digits (jRCT2031230704), or jRCT, a letter and 9 digits (jRCTs031180159)",
    ),
    TrialRegistry.UMIN_CTR: (r"^UMIN[0-9]{9}$", "UMIN and 9 digits (UMIN000012045)"),
    TrialRegistry.ISRCTN: (r"^ISRCTN[0-9]{8}$", "ISRCTN and 8 digits (ISRCTN78805636)"),
    TrialRegistry.EUCTR: (
        r"^[0-9]{4}-[0-9]{6}-[0-9]{2}$",
        "a EudraCT number: year-6 digits-2 check digits (2015-001894-41)",
    ),
    TrialRegistry.CTIS: (
        r"^[0-9]{4}-5[0-9]{5}-[0-9]{2}-[0-9]{2}$",
        "an EU CT number: year-5 and 5 digits-2 check digits-2 digit version (2023-503920-14-00)",
    ),
    TrialRegistry.ANZCTR: (
        r"^ACTRN[0-9]{14}$",
        "ACTRN and 14 digits (ACTRN12611000121965)",
    ),
    TrialRegistry.DRKS: (r"^DRKS[0-9]{8}$", "DRKS and 8 digits (DRKS00005115)"),
    TrialRegistry.CRIS: (r"^KCT[0-9]{7}$", "KCT and 7 digits"),
    TrialRegistry.TCTR: (r"^TCTR[0-9]{11}$", "TCTR and 11 digits (TCTR20170511001)"),
    TrialRegistry.PACTR: (r"^PACTR[0-9]{15}$", "PACTR and 15 digits (PACTR202406532417953)"),
    TrialRegistry.ITMCTR: (r"^ITMCTR[0-9]{10}$", "ITMCTR and 10 digits"),
}
"""Registry -> (the pattern of its trial ids, the format in words). Registries absent here
(JAPIC_CTI, JMACCT, REBEC, RPCEC, REPEC, SLCTR, LBCTR, NTR) have no verified format, so
their ids are not checked."""

ID_FILE_SEPARATOR = "/"
"""The one character of a trial id that a file name cannot hold (CTRI/2020/05/025318)."""
ID_FILE_REPLACEMENT = "-"
"""What stands for it in the record's file name (records/CTRI-2019-11-021872.yaml) and its
history folder. Of the verified formats only CTRI's holds ``/``, and no CTRI id holds ``-``, so
two ids of verified formats never share a file name; the name is also a valid FHIR id."""
