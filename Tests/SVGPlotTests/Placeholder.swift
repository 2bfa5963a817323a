import FoundationXML
import Testing
