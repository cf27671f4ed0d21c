"""A .qdpx as another tool writes one, made by hand from the REFI-QDA 1.5 spec's examples
(Annex A): nested codes and a code folder, three users, a selection over astral characters, one
span coded twice by two users (as MAXQDA writes it), a selection's comment and a note linked to
it by another user, a PDF with its text, a picture, audio and video, a case and a set, notes on
the project (by a user, with a time and no zone) and on a code, variables on a source, Windows
line endings in a text file.

Positions are written as numbers, counted by hand in code points with CR LF as two characters
(and, for ``atlas=True``, with CR LF as one, as ATLAS.ti counts): a reader counting UTF-16 units
would put "Controls bite." at 42, not 40.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

INTERVIEW = "Interview 1\r\nQ: How are exports? 😀 A: 𠀀 Controls bite.\r\nEnd.\r\n"
INLINE = "Inline text about steel."
REPORT = "Page one of the report on tariff policy."
# (start, end) of "Controls bite." and of "😀 A: 𠀀" in INTERVIEW, CR LF counted as 2 or as 1.
POSITIONS = {False: ((40, 54), (33, 39)), True: ((39, 53), (32, 38))}

U1, U2, U3 = (f"0000000{n}-0000-4000-8000-00000000000{n}" for n in (1, 2, 3))
C0, C1, C2, C3, C4 = (f"c000000{n}-0000-4000-8000-00000000000{n}" for n in range(5))
S1, S2, S3, S3R, S4, S5, S6 = (f"5000000{n}-0000-4000-8000-00000000000{n}" for n in range(1, 8))
N1, N2, N3 = (f"a000000{n}-0000-4000-8000-00000000000{n}" for n in (1, 2, 3))
V1, V2 = (f"b000000{n}-0000-4000-8000-00000000000{n}" for n in (1, 2))


def _guid(n: int) -> str:
    return f"e{n:07d}-0000-4000-8000-000000000000"


def qde(*, atlas: bool = False) -> str:
    quote, astral = POSITIONS[atlas]
    origin = "ATLAS.ti 9.1.0 (Windows)" if atlas else "MAXQDA 2022 (Release 22.3.0)"
    return f"""<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<Project xmlns="urn:QDA-XML:project:1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
 name="Trade interviews" origin="{origin}" creatingUserGUID="{U1}"
 creationDateTime="2019-06-07T03:36:36Z">
  <Users>
    <User guid="{U1}" name="Alice"/>
    <User guid="{U2}" name="Bob"/>
    <User guid="{U3}" name="Chen"/>
  </Users>
  <CodeBook>
    <Codes>
      <Code guid="{C0}" name="Trade" isCodable="false">
        <Code guid="{C1}" name="Export  controls" isCodable="true" color="#F00">
          <Description>Rules on what may leave</Description>
        </Code>
        <Code guid="{C2}" name="Tariffs" isCodable="true" color="#00AA00">
          <Code guid="{C3}" name="Steel" isCodable="true"/>
        </Code>
      </Code>
      <Code guid="{C4}" name="Sovereignty" isCodable="true" color="#0000ff">
        <NoteRef targetGUID="{N3}"/>
      </Code>
    </Codes>
  </CodeBook>
  <Variables>
    <Variable guid="{V1}" name="Author" typeOfVariable="Text"/>
    <Variable guid="{V2}" name="Region" typeOfVariable="Text"/>
  </Variables>
  <Cases>
    <Case guid="{_guid(1)}" name="Person A"><SourceRef targetGUID="{S1}"/></Case>
  </Cases>
  <Sources>
    <TextSource guid="{S1}" name="Interview 1" plainTextPath="internal://3CD739AF-80D7-402D-A836-BE292887E147.txt"
     richTextPath="internal://1DDD235C-9E58-4451-8C49-17013D5C3655.docx" creatingUser="{U1}"
     creationDateTime="2019-06-07T03:36:36Z">
      <PlainTextSelection guid="{_guid(2)}" name="Controls bite." startPosition="{quote[0]}"
       endPosition="{quote[1]}" creatingUser="{U1}" creationDateTime="2019-06-07T03:40:00Z">
        <Description>Key quote</Description>
        <Coding guid="{_guid(3)}" creatingUser="{U1}"><CodeRef targetGUID="{C1}"/></Coding>
        <NoteRef targetGUID="{N1}"/>
      </PlainTextSelection>
      <PlainTextSelection guid="{_guid(4)}" name="Controls bite." startPosition="{quote[0]}"
       endPosition="{quote[1]}" creatingUser="{U2}">
        <Coding guid="{_guid(5)}" creatingUser="{U2}"><CodeRef targetGUID="{C4}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="{_guid(6)}" name="😀 A: 𠀀" startPosition="{astral[0]}"
       endPosition="{astral[1]}" creatingUser="{U3}">
        <Coding guid="{_guid(7)}"><CodeRef targetGUID="{C3}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="{_guid(8)}" startPosition="0" endPosition="11">
        <Description>uncoded comment</Description>
      </PlainTextSelection>
      <Coding guid="{_guid(9)}"><CodeRef targetGUID="{C4}"/></Coding>
      <VariableValue><VariableRef targetGUID="{V1}"/><TextValue>Dr. Who</TextValue></VariableValue>
      <VariableValue><VariableRef targetGUID="{V2}"/><TextValue>Europe</TextValue></VariableValue>
    </TextSource>
    <TextSource guid="{S2}" name="Memo text">
      <PlainTextContent>{INLINE}</PlainTextContent>
      <PlainTextSelection guid="{_guid(10)}" startPosition="18" endPosition="23">
        <Coding guid="{_guid(11)}"><CodeRef targetGUID="{C3}"/></Coding>
      </PlainTextSelection>
    </TextSource>
    <PDFSource guid="{S3}" name="Report.pdf" path="internal://3E029F7C-B699-47C2-AE9F-95F481693CAF.pdf">
      <PDFSelection guid="{_guid(12)}" page="1" firstX="10" firstY="10" secondX="90" secondY="40">
        <Coding guid="{_guid(13)}"><CodeRef targetGUID="{C1}"/></Coding>
      </PDFSelection>
      <Representation guid="{S3R}" plainTextPath="internal://88293C71-CB70-4AB7-8413-C24110A19C2E.txt">
        <PlainTextSelection guid="{_guid(14)}" startPosition="26" endPosition="32">
          <Coding guid="{_guid(15)}"><CodeRef targetGUID="{C2}"/></Coding>
        </PlainTextSelection>
      </Representation>
    </PDFSource>
    <PictureSource guid="{S4}" name="cornflakes.jpg" path="internal://87EAD86F-3112-4537-8A01-01427CAE1C6D.jpg">
      <PictureSelection guid="{_guid(16)}" firstX="1" firstY="1" secondX="20" secondY="20">
        <Coding guid="{_guid(17)}"><CodeRef targetGUID="{C4}"/></Coding>
      </PictureSelection>
    </PictureSource>
    <AudioSource guid="{S5}" name="Interview 1.m4a" path="relative:///Interview 1.m4a"/>
    <VideoSource guid="{S6}" name="Ad.mp4" path="absolute:///C:/PROJECT/Ad.mp4">
      <VideoSelection guid="{_guid(18)}" begin="0" end="1500"/>
    </VideoSource>
  </Sources>
  <Notes>
    <Note guid="{N1}" name="Memo on the quote" creatingUser="{U2}"
     creationDateTime="2019-06-08T09:15:00+02:00">
      <PlainTextContent>Linked memo</PlainTextContent>
    </Note>
    <Note guid="{N2}" name="Project journal" creatingUser="{U3}"
     modifiedDateTime="2019-06-09T10:00:00">
      <PlainTextContent>Journal entry</PlainTextContent>
    </Note>
    <Note guid="{N3}" name="Note"><PlainTextContent>About sovereignty</PlainTextContent></Note>
  </Notes>
  <Sets>
    <Set guid="{_guid(19)}" name="Core codes"><MemberCode targetGUID="{C1}"/></Set>
  </Sets>
  <NoteRef targetGUID="{N2}"/>
</Project>
"""


def write_foreign(path: Path, *, atlas: bool = False) -> Path:
    """The archive as the spec's Annex A.2 lays one out: Project.qde, and the sources in
    ``Sources/`` with upper-case names, which the .qde names in lower case."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Project.qde", qde(atlas=atlas).encode("utf-8"))
        text = INTERVIEW.encode("utf-8-sig")  # QualCoder and others write a BOM
        archive.writestr("Sources/3CD739AF-80D7-402D-A836-BE292887E147.TXT", text)
        archive.writestr("Sources/1DDD235C-9E58-4451-8C49-17013D5C3655.DOCX", b"PK not read")
        archive.writestr("Sources/88293C71-CB70-4AB7-8413-C24110A19C2E.txt", REPORT)
        archive.writestr("Sources/3E029F7C-B699-47C2-AE9F-95F481693CAF.pdf", b"%PDF-1.4 not read")
        archive.writestr("Sources/87EAD86F-3112-4537-8A01-01427CAE1C6D.jpg", b"\xff\xd8 not read")
    return path
