def render_record_pdf(record):
    raise NotImplementedError
