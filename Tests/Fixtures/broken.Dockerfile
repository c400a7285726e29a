FROM node
COPY --form=x a b
# ballast ignore=BL4003
RUN echo "café"
