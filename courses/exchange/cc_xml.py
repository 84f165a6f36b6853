"""The XML of a Common Cartridge: its namespaces, elements made in them,
and local names read back whatever the prefix."""

from lxml import etree

CP = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
LOM = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest"
QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


# The prefixes a cartridge's files are written with, as IMS's examples do.
PREFIXES = {CP: {None: CP, "lomimscc": LOM, "xsi": XSI}, QTI: {None: QTI}}


def element(tag, ns=CP, **attrs):
    """The root element of a file, its namespace the default one."""
    attributes = {k: str(v) for k, v in attrs.items()}
    return etree.Element(f"{{{ns}}}{tag}", attributes, nsmap=PREFIXES[ns])


def sub(parent, tag, text=None, ns=CP, **attrs):
    """A child element, with its text if given."""
    element = etree.SubElement(
        parent, f"{{{ns}}}{tag}", {k: str(v) for k, v in attrs.items()}
    )
    if text is not None:
        element.text = text
    return element


def to_bytes(root):
    """A file's bytes, with its XML declaration."""
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


def local(element):
    """An element's name without its namespace, whatever the prefix."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""
